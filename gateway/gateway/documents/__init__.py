"""Printable documents (X-4): the business papers as PDFs, rendered here, server-side.

Each document is a `Sheet` (sheet.py: title, number, company, facts, lines, signatures)
built from the services' own views (kinds.py) and rendered by WeasyPrint with the
Noto CJK fonts (Debian's fonts-noto-cjk), so the Chinese headings and data print as
they read on screen. The routes are gateway/api/routes/documents.py.
"""
