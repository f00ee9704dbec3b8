"""Every model, importable from one place."""

from registry.models.bills import Bill
from registry.models.bodies import Body
from registry.models.checks import Check
from registry.models.districts import (
    BodyDistrict,
    Cosponsorship,
    District,
    DistrictDataLoad,
    HouseTerm,
    ZipDistrict,
)
from registry.models.moderation import (
    GeocodeCache,
    Revision,
    Submission,
    SubmissionAnswer,
    User,
)
from registry.models.records import Action, RecordYear, Resolution, Source
from registry.models.watches import MailStop, Reminder, Watch

__all__ = ["Action", "Bill", "Body", "BodyDistrict", "Check", "Cosponsorship", "District",
           "DistrictDataLoad", "GeocodeCache", "HouseTerm", "MailStop", "RecordYear", "Reminder",
           "Resolution", "Revision", "Source", "Submission", "SubmissionAnswer", "User", "Watch",
           "ZipDistrict"]
