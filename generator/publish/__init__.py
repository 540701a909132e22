"""What is made from the built site and the briefs for readers elsewhere: PDFs (print HTML, WeasyPrint,
the footnote check), the Atom feed, and the hosted site's search index (Pagefind).
"""
