from __future__ import annotations

from pathlib import Path

from internhub.app import create_app
from internhub.config import Settings
from tests.factories import client_for


async def test_built_web_ui_is_served_with_a_fallback_for_client_routes(tmp_path: Path) -> None:
    web = tmp_path / "public"
    (web / "_nuxt").mkdir(parents=True)
    (web / "index.html").write_text("<html>app</html>")
    (web / "_nuxt" / "entry.js").write_text("console.log(1)")
    settings = Settings(env="test", web_dir=web, database_url=f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    app = create_app(settings)
    async with app.router.lifespan_context(app), client_for(app) as client:
        assert (await client.get("/")).text == "<html>app</html>"
        assert (await client.get("/openings/12")).text == "<html>app</html>"
        assert (await client.get("/_nuxt/entry.js")).text == "console.log(1)"
        assert (await client.get("/_nuxt/missing.js")).status_code == 404
        missing_api = await client.get("/api/v1/no-such-thing")
        assert missing_api.status_code == 404
        assert missing_api.headers["content-type"] == "application/problem+json"
        assert (await client.get("/healthz")).json() == {"status": "ok"}


async def test_assets_go_precompressed_and_hashed_ones_are_cached_for_a_year(tmp_path: Path) -> None:
    import gzip

    web = tmp_path / "public"
    (web / "_nuxt").mkdir(parents=True)
    (web / "index.html").write_text("<html>app</html>")
    script = "console.log('a long enough script');" * 50
    (web / "_nuxt" / "entry.Ab12Cd.js").write_text(script)
    (web / "_nuxt" / "entry.Ab12Cd.js.gz").write_bytes(gzip.compress(script.encode()))
    (web / "_nuxt" / "entry.Ab12Cd.js.br").write_bytes(b"brotli bytes")
    settings = Settings(env="test", web_dir=web, database_url=f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    app = create_app(settings)
    async with app.router.lifespan_context(app), client_for(app) as client:
        brotli = await client.get("/_nuxt/entry.Ab12Cd.js", headers={"Accept-Encoding": "gzip, deflate, br"})
        assert brotli.headers["content-encoding"] == "br" and brotli.headers["vary"] == "Accept-Encoding"
        assert brotli.headers["content-type"].startswith("text/javascript")
        assert brotli.headers["cache-control"] == "public, max-age=31536000, immutable"
        zipped = await client.get("/_nuxt/entry.Ab12Cd.js", headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip" and zipped.text == script  # (httpx inflates it)
        plain = await client.get("/_nuxt/entry.Ab12Cd.js", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.text == script
        for page in ("/", "/openings/12"):
            shell = await client.get(page)
            assert shell.headers["cache-control"] == "no-cache"  # a new release is picked up at once
        assert (await client.get("/_nuxt/entry.Ab12Cd.js.br")).status_code == 404  # not served under its own name


async def test_the_app_shell_goes_precompressed_at_every_client_route(tmp_path: Path) -> None:
    """index.html is the first thing every visit waits for; sent whole it is five times its brotli size."""
    import gzip

    web = tmp_path / "public"
    web.mkdir()
    shell = "<html><head><script>" + "var preload = 1;" * 200 + "</script></head></html>"
    (web / "index.html").write_text(shell)
    (web / "index.html.gz").write_bytes(gzip.compress(shell.encode()))
    (web / "index.html.br").write_bytes(b"brotli bytes")
    settings = Settings(env="test", web_dir=web, database_url=f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    app = create_app(settings)
    async with app.router.lifespan_context(app), client_for(app) as client:
        for page in ("/", "/index.html", "/openings/12", "/catalogue"):
            brotli = await client.get(page, headers={"Accept-Encoding": "gzip, br"})
            assert brotli.headers["content-encoding"] == "br", page
            assert brotli.headers["vary"] == "Accept-Encoding"
            assert brotli.headers["content-type"].startswith("text/html")
            assert brotli.headers["cache-control"] == "no-cache"
            zipped = await client.get(page, headers={"Accept-Encoding": "gzip"})
            assert zipped.headers["content-encoding"] == "gzip" and zipped.text == shell
            plain = await client.get(page, headers={"Accept-Encoding": "identity"})
            assert "content-encoding" not in plain.headers and plain.text == shell
