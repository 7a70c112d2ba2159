"""The tennis score tracker from the article, rebuilt in Python and evolved with midair.

`app.create_app(url)` is the ASGI app; `python -m examples.tennis` runs it with a demo account.
"""
