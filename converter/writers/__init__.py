"""Writers: EPUB and PDF from the canonical TEI, and what they share (XHTML rendering, metadata, cover)."""
