from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field

from internhub.common.schemas import OMITTED, Id, InputModel, Length, OutputModel
from internhub.models import Role

Bitrix24UserId = Annotated[
    Id, Field(description="The user's id in the workspace's Bitrix24 portal: deals they are given carry it")
]


class LoginIn(InputModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=200)
    workspace: str | None = Field(
        default=None, max_length=100, description="The workspace's slug, when the e-mail has accounts in several"
    )


class UserOut(OutputModel):
    id: int
    email: str
    full_name: str
    role: Role
    university_id: int | None
    company_id: int | None
    student_id: int | None
    is_active: bool
    bitrix24_user_id: int | None = Field(description="The user's id in the Bitrix24 portal (ASSIGNED_BY_ID)")


class AssigneeOut(OutputModel):
    id: int
    name: str = Field(description="The full name, or the e-mail when the name is blank")
    role: Role


class LoginOut(OutputModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    user: UserOut


class MeOut(OutputModel):
    workspace_id: int
    role: Role
    name: str
    user_id: int | None
    university_id: int | None
    company_id: int | None
    student_id: int | None


class ApiKeyIn(InputModel):
    name: Annotated[str, Length(100)]


class ApiKeyOut(OutputModel):
    id: int
    university_id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The key itself. It is shown only now; store it safely.")


class UserIn(InputModel):
    email: EmailStr
    password: str = Field(min_length=10, max_length=200)
    full_name: Annotated[str, Length(200, min_length=0)] = ""
    role: Role
    university_id: Id | None = None
    company_id: Id | None = None
    student_id: Id | None = None
    bitrix24_user_id: Bitrix24UserId | None = None


class UserPatch(InputModel):
    full_name: Annotated[str, Length(200, min_length=0)] = OMITTED
    password: str = Field(default=OMITTED, min_length=10, max_length=200)
    is_active: bool = OMITTED
    bitrix24_user_id: Bitrix24UserId | None = Field(default=None, description="null unlinks the user")
    role: Role = Field(default=OMITTED, description="A new role, with the university or company it needs (or none)")
    university_id: Id | None = Field(default=None, description="With role: the coordinator's university")
    company_id: Id | None = Field(default=None, description="With role: the recruiter's company")
    student_id: Id | None = Field(default=None, description="With role: the student's record")
