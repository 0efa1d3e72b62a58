"""The OpenAPI document is what the typed web client is generated from: it must read cleanly."""

import re

from fastapi import FastAPI

from tests.factories import Tenant

OPERATION_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
METHODS = {"get", "post", "put", "patch", "delete"}


def operations(app: FastAPI) -> list[tuple[str, str, dict]]:
    schema = app.openapi()
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


async def test_every_operation_has_a_clean_id_a_tag_and_a_one_line_description(app: FastAPI) -> None:
    found = operations(app)
    assert len(found) >= 40
    for method, path, operation in found:
        where = f"{method.upper()} {path}"
        assert OPERATION_ID.match(operation.get("operationId", "")), where
        assert operation.get("tags"), where
        description = operation.get("description", "").strip()
        assert description and "\n" not in description, where
        assert operation.get("summary"), where


async def test_operation_ids_are_unique_and_name_their_resource(app: FastAPI) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(app)]
    assert len(ids) == len(set(ids))
    for expected in (
        "universities-list",
        "universities-create",
        "universities-get",
        "universities-update",
        "universities-delete",
        "universities-students-list",
        "companies-list",
        "partnerships-list",
        "students-list",
        "openings-list",
        "applications-list",
        "applications-history",
        "users-list",
        "users-create",
        "users-update",
        "api-keys-create",
        "api-keys-revoke",
        "auth-login",
        "auth-logout",
    ):
        assert expected in ids


async def test_list_endpoints_document_pagination_filters_and_search(app: FastAPI) -> None:
    schema = app.openapi()
    params = {p["name"] for p in schema["paths"]["/api/v1/openings"]["get"]["parameters"]}
    assert {"limit", "cursor", "page", "sort", "q", "status", "kind", "company_id", "skills"} <= params
    page = schema["components"]["schemas"]["Page_OpeningOut_"]["properties"]
    assert {"items", "total", "total_exact", "next_cursor"} <= set(page)


async def test_the_document_is_served_at_openapi_json(tenant: Tenant) -> None:
    response = await tenant.client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json()["paths"]["/api/v1/universities"]["get"]["operationId"] == "universities-list"


async def test_routes_added_flat_describe_the_same_api_as_included_routers(app: FastAPI) -> None:
    from fastapi import APIRouter

    from internhub.app import API_ROUTERS, _document_problems, _operation_id

    included = FastAPI(generate_unique_id_function=_operation_id)
    _document_problems(included)
    api = APIRouter(prefix="/api/v1")
    for router in API_ROUTERS:
        api.include_router(router)
    included.include_router(api)
    expected = included.openapi()
    ours = app.openapi()
    ours_paths = {path: item for path, item in ours["paths"].items() if path.startswith("/api/v1/")}
    assert ours_paths == expected["paths"]
    assert ours["components"]["schemas"] == expected["components"]["schemas"]


async def test_an_endpoint_that_takes_a_file_is_documented_as_multipart(app: FastAPI) -> None:
    schema = app.openapi()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media_type, body in content.items():
                ref = body["schema"].get("$ref", "")
                fields = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"] if ref else {}
                takes_file = any(
                    variant.get("format") == "binary" or variant.get("contentMediaType") == "application/octet-stream"
                    for field in fields.values()
                    for variant in [field, *field.get("anyOf", [])]
                )
                assert not takes_file or media_type == "multipart/form-data", (method, path, media_type)
    public_form = schema["paths"]["/api/v1/public/applications"]["post"]["requestBody"]["content"]
    assert list(public_form) == ["multipart/form-data"]


async def test_every_error_answer_is_declared_as_problem_json(app: FastAPI) -> None:
    spec = app.openapi()
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert responses["4XX"]["content"]["application/problem+json"]["schema"] == problem, (method, path)
            if "422" in responses:
                assert list(responses["422"]["content"]) == ["application/problem+json"], (method, path)
    assert {"type", "title", "status", "detail", "code", "errors"} <= set(
        spec["components"]["schemas"]["Problem"]["properties"]
    )


async def test_numeric_bounds_are_published_as_json_schema_says(app: FastAPI) -> None:
    found: list[str] = []

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            found.extend(f"{where}.{key}" for key in ("ge", "le", "gt", "lt") if key in node)
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    spec = app.openapi()
    walk(spec, "")
    assert found == []
    parameter = spec["paths"]["/api/v1/universities/{university_id}"]["get"]["parameters"][0]["schema"]
    assert parameter["minimum"] == 1 and parameter["maximum"] == 2**63 - 1
