"""Beatbook anti-fraud engine: pure Python (no Django), used by the ``beatbook.scams`` app.

Entry points:

* :func:`normalize.normalize` / :func:`normalize.detect_type` / :func:`normalize.lookup_keys`
* :func:`lookalike.check_lookalike`
* :func:`allowlist.is_allowlisted` / :func:`allowlist.official_channels`
* :func:`verdict.decide` / :func:`verdict.assess`
* :func:`messages.analyze_message`
* :class:`classifier.ScamClassifier` / :func:`classifier.train_default`
* :func:`names.match_account_names`
"""
