"""What readers see: views prepared from the model, rendered with the Jinja templates in templates/, and the PDF."""
