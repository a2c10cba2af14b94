"""Default jinja2 text templates and base .docx/.pptx files, installed as ``agenda.templates``."""
