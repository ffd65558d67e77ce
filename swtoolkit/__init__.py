"""swtoolkit: figures about China's social-work workforce, growth and gap models, and reproducible reports."""

__version__ = "0.1.0"
