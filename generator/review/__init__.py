"""What reviewers read: how briefs changed between git revisions (``brief diff``), and the support check
measured on its labelled corpus.
"""
