"""The accessibility checks run the axe-core kept in scripts/vendor/axe-core/: exactly the release
it names (the hash axe-core publishes for it), with its licences beside it."""

from __future__ import annotations

import base64
import hashlib

from check_site import AXE_SCRIPT, AXE_SRI, AXE_VERSION


def test_the_kept_axe_core_is_the_release_it_names_byte_for_byte():
    script = AXE_SCRIPT.read_bytes()
    assert script.startswith(f"/*! axe v{AXE_VERSION}\n".encode())
    algorithm, digest = AXE_SRI.split("-", 1)
    assert algorithm == "sha256"
    assert base64.b64encode(hashlib.sha256(script).digest()).decode() == digest
    # MPL-2.0 asks for its notice with every copy; the bundled libraries' licences come along.
    assert "Mozilla Public License" in (AXE_SCRIPT.parent / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in (AXE_SCRIPT.parent / "LICENSE-3RD-PARTY.txt").read_text(encoding="utf-8")
    assert f"axe-core {AXE_VERSION}" in (AXE_SCRIPT.parent / "README.md").read_text(encoding="utf-8")
