"""customer-first packs: monthly YAML data → a customer-first leadership pack (Word + deck)."""

__version__ = "0.1.0"
