from gcmhub.core.sanitize import render_markdown


def test_markdown_becomes_html():
    assert render_markdown("**bold** and [link](https://example.org)") == (
        '<p><strong>bold</strong> and <a href="https://example.org" '
        'rel="noopener noreferrer nofollow">link</a></p>'
    )


def test_scripts_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> ok')
    assert "<script" not in html
    assert "onerror" not in html
    assert "ok" in html


def test_javascript_links_are_dropped():
    assert "javascript:" not in render_markdown("[x](javascript:alert(1))")
