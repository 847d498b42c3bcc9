"""Repository of Practices: submission, peer review by a balanced roster of experts,
publication and discovery.

Modules, from data to the outer layer:

- ``models``: practices, target groups, attachments, transitions, experts, assignments,
  reviews, calls;
- ``rules``: who may see and do what (django-rules predicates);
- ``criteria``: what a submission must hold (errors block, warnings such as unexplained
  acronyms do not);
- ``submission``: drafts, attachments (checked by core.uploads), submitting;
- ``workflow``: the states and the one ``transition()`` function;
- ``review``: panels, conflict declarations, reviews, the decision rule, reminders;
- ``suggestions``: ranking roster experts for a panel, excluding conflicts of interest;
- ``roster``: applications, additions, approval, the roster's balance;
- ``search``: repository filters, facets and full-text search (FTS5 / PostgreSQL tsvector);
- ``tagging``: the seam to the documents app's classifier (optional);
- ``views``/``forms``/``templates``, ``api``/``api_urls``, ``feeds``, ``panels``,
  ``management/commands/practices_remind``, ``demo``.
"""
