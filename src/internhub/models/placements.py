"""University placement requests: N places for students of a specialty, offered to companies."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from internhub.models.base import Base, BigId, IdPk, Timestamped, workspace_fk


class PlacementStatus(StrEnum):
    open = "open"  # offers are out, not all answered
    answered = "answered"  # every company has answered
    closed = "closed"  # withdrawn by the university or staff


class OfferStatus(StrEnum):
    pending = "pending"
    answered = "answered"


class CandidateStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"


class PlacementRequest(Timestamped, Base):
    __tablename__ = "placement_requests"
    __table_args__ = (
        Index("ix_placement_requests_university", "workspace_id", "university_id", "id"),
        CheckConstraint("places >= 1", name="places_positive"),
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="period"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    university_id: Mapped[int] = mapped_column(BigId, ForeignKey("universities.id", ondelete="CASCADE"))
    specialty: Mapped[str] = mapped_column(String(200))
    places: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    comment: Mapped[str | None] = mapped_column(Text)
    status: Mapped[PlacementStatus] = mapped_column(String(16), default=PlacementStatus.open)

    offers: Mapped[list[PlacementOffer]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PlacementOffer.id"
    )
    candidates: Mapped[list[PlacementCandidate]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PlacementCandidate.student_id"
    )


class PlacementOffer(Base):
    """The part of a request routed to one company's internship."""

    __tablename__ = "placement_offers"
    __table_args__ = (UniqueConstraint("request_id", "opening_id"), Index("ix_placement_offers_company", "company_id"))

    id: Mapped[IdPk]
    request_id: Mapped[int] = mapped_column(BigId, ForeignKey("placement_requests.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(BigId, ForeignKey("companies.id", ondelete="CASCADE"))
    opening_id: Mapped[int] = mapped_column(BigId, ForeignKey("openings.id", ondelete="CASCADE"))
    places: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    declined: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[OfferStatus] = mapped_column(String(16), default=OfferStatus.pending)


class PlacementCandidate(Base):
    """A student the university named; accepted by one company at most, then an application."""

    __tablename__ = "placement_candidates"

    request_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("placement_requests.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[int] = mapped_column(BigId, ForeignKey("students.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[CandidateStatus] = mapped_column(String(16), default=CandidateStatus.pending)
    offer_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("placement_offers.id", ondelete="SET NULL"))
    application_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("applications.id", ondelete="SET NULL"))
