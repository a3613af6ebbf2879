"""'Vad har ändrats' follows what editors recorded: a renamed need or action is the same one, and
a removal shows its reason from `borttagna`."""

from __future__ import annotations

from fardplan.data.validate import validate_text
from fardplan.versions.changes import compare
from support import FIXTURES

PUBLISHED = (
    (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    + """      - id: ensamhet
        rubrik: Minskad ensamhet
        nationellt: []
        staden:
          - id: traffpunkter
            text: Staden driver träffpunkter.
            ansvarig: aldrenamnden
            status: pågår
        behöver-göras: []
        tidshorisont: "2022-2025"
        senast-granskad: 2022-01-20
"""
)
NEXT = PUBLISHED.replace(
    "  version: 2022-remiss\n  status: remiss\n  datum: 2022-01-20\n",
    "  version: 2023-utkast\n  status: utkast\n  datum: 2023-06-01\n",
)


def model(text: str):
    result = validate_text(text, "data/roadmap.yaml")
    assert result.ok, [d.text() for d in result.errors]
    return result.roadmap


def sentences(old_text: str, new_text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (c.category, c.plain, tuple(r.text for r in c.reasons))
        for c in compare(model(old_text), model(new_text)).changes()
    ]


def test_a_renamed_action_is_the_same_action_and_its_status_change_is_told():
    renamed = NEXT.replace(
        "          - id: samverkan-mer\n",
        "          - id: gemensam-plan\n"
        "            ändringar:\n"
        "              - {datum: 2023-03-01, vad: id, från: samverkan-mer, till: gemensam-plan, skäl: Tydligare.}\n"
        "              - {datum: 2023-03-01, vad: status, från: föreslagen, till: planerad, skäl: Beslut i nämnden.}\n",
    ).replace("            status: föreslagen\n", "            status: planerad\n", 1)
    assert sentences(PUBLISHED, renamed) == [
        ("document", "Färdplanen är nu ett utkast. Den förra versionen var en remissversion.", ()),
        (
            "status",
            "Åtgärden ”Ta fram en gemensam plan” har ändrat status från föreslagen till planerad.",
            ("Beslut i nämnden.",),
        ),
    ]


def test_without_the_record_a_new_id_reads_as_one_removed_and_one_added():
    categories = [c for c, *_ in sentences(PUBLISHED, NEXT.replace("id: samverkan-mer", "id: gemensam-plan"))]
    assert categories == ["document", "action-added", "action-removed"]


def test_a_removed_need_shows_the_recorded_reason():
    removed = NEXT.replace(PUBLISHED[PUBLISHED.index("      - id: ensamhet") :], "") + (
        "borttagna:\n  - {id: ensamhet, datum: 2023-04-01, skäl: Behovet ingår nu i samverkan med regionen.}\n"
    )
    assert sentences(PUBLISHED, removed)[1:] == [
        (
            "need-removed",
            "Behovet ”Minskad ensamhet” har tagits bort.",
            ("Behovet ingår nu i samverkan med regionen.",),
        ),
        (
            "action-removed",
            "Åtgärden ”Staden driver träffpunkter” under behovet ”Minskad ensamhet” har tagits bort.",
            (),
        ),
    ]
