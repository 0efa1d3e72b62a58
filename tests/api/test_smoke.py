from tests.factories import Tenant


async def test_full_chain_from_university_to_application(tenant: Tenant) -> None:
    university = await tenant.university()
    company = await tenant.company()
    student = await tenant.student(university["id"])
    opening = await tenant.opening(company["id"])
    application = await tenant.application(opening["id"], student["id"])

    assert application["status"] == "new"
    assert application["source"] == "portal"
    listed = (await tenant.client.get("/api/v1/applications", params={"opening_id": opening["id"]})).json()
    assert [item["id"] for item in listed["items"]] == [application["id"]]
    assert listed["total"] == 1 and listed["total_exact"] is True
