"""Extension points of giplint, in the manner of pytest's ``hookspec.py``: one plain, documented
function per extension point. A plugin is a module or object with functions of the same names,
decorated with :data:`hookimpl`, advertised under the ``giplint`` entry-point group::

    [project.entry-points.giplint]
    myrules = "my_package.giplint_rules"
"""

from __future__ import annotations

import pluggy

from giplint.rule import Rule

hookspec = pluggy.HookspecMarker("giplint")
hookimpl = pluggy.HookimplMarker("giplint")


@hookspec
def giplint_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin contributes.

    Each class derives from :class:`giplint.rule.Rule`, declares ``code``, ``name``, ``severity``
    and ``message``, and has a docstring (its documentation). Codes must be unique across all
    plugins; third-party plugins should use their own three-letter prefix.
    """
