"""Input stage: finding the files (folders, archives), guarding containers, converting formats, OCR."""
