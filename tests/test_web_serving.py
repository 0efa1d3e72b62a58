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
