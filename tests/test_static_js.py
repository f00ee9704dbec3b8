"""The site's scripts never hand text to the DOM or to Leaflet as HTML: elements and text nodes
only (the browser tests check the rendered maps; this keeps new code from slipping back)."""

from __future__ import annotations

import pathlib
import re

import pytest

SCRIPTS = sorted((pathlib.Path(__file__).parent.parent / "static" / "js").glob("*.js"))
HTML_SINKS = re.compile(r"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write\(")
# Leaflet reads a string given to these as HTML; give an element (or a function returning one).
LEAFLET_STRING = re.compile(r"(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)"
                            r"\(\s*(['\"]|[\w.]+\s*\+)|\bhtml:\s*['\"]")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_scripts_build_text_with_elements_not_html(script):
    source = script.read_text(encoding="utf-8")
    assert not HTML_SINKS.search(source)
    assert not LEAFLET_STRING.search(source)
