"""The aftersales service: thin nameko entrypoints over after-sales' use cases.

Its RPC methods are the table in contracts/rpc/aftersales.py (`API`).
"""

from __future__ import annotations

from pathlib import Path

from aftersales import handlers, inbound, installations, remedies, surveys
from aftersales.adapters.measures import MEASURES
from aftersales.adapters.tables import metadata
from aftersales.unit_of_work import AftersalesUnitOfWork
from contracts.envelope import EventEnvelope
from contracts.events.installations import SiteReady
from contracts.events.logistics import ReplacementShipmentPlanned, ShipmentDelivered
from contracts.events.quality import ComplaintLinked
from contracts.rpc.aftersales import API
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class AftersalesService(ServiceBase):
    name = "aftersales"
    # No seed: demo/group.json has no aftersales section.
    uow = UnitOfWorkProvider(AftersalesUnitOfWork, metadata, MIGRATIONS)
    measures = MEASURES

    # -- reads -------------------------------------------------------------------------
    @expose
    def list_requests(self, actor, order_no, status, limit):
        return handlers.list_requests(actor, order_no, status, limit, self.uow)

    @expose
    def journey(self, actor, order_no):
        return (handlers.journey(actor, order_no, self.uow)
                + installations.journey(actor, order_no, self.uow))  # AFS-3

    # -- a request from recording to remedy (AFS-1, AFS-2, AFS-4) ------------------------
    @expose
    def open_request(self, actor, request):
        return handlers.open_request(actor, request, self.uow)

    @expose
    def forward_request(self, actor, request_no):
        return handlers.forward_request(actor, request_no, self.uow)

    @expose
    def record_contact(self, actor, request_no, contact):
        return handlers.record_contact(actor, request_no, contact, self.uow)

    @expose
    def resolve_request(self, actor, request_no, resolution):
        return handlers.resolve_request(actor, request_no, resolution, self.uow)

    # -- what other departments report --------------------------------------------------
    @event_handler("logistics.shipment_delivered")
    def on_shipment_delivered(self, event: EventEnvelope, payload: ShipmentDelivered):
        inbound.shipment_delivered(event, payload, self.uow)

    # -- remedies linked to their cause (AFS-4) -------------------------------------------
    @expose
    def plan_remedy(self, actor, request_no, remedy):
        return remedies.plan_remedy(actor, request_no, remedy, self.uow)

    @expose
    def get_remedy(self, actor, request_no):
        return remedies.get_remedy(actor, request_no, self.uow)

    # -- satisfaction surveys (AFS-5) --------------------------------------------------------
    @expose
    def send_survey(self, actor, survey):
        return surveys.send_survey(actor, survey, self.uow)

    @expose
    def answer_survey(self, actor, survey_no, answer):
        return surveys.answer_survey(actor, survey_no, answer, self.uow)

    @expose
    def list_surveys(self, actor, order_no, limit):
        return surveys.list_surveys(actor, order_no, limit, self.uow)

    @expose
    def survey_results(self, actor, company_id, period_from, period_to):
        return surveys.survey_results(actor, company_id, period_from, period_to, self.uow)

    @event_handler("quality.complaint_linked")
    def on_complaint_linked(self, event: EventEnvelope, payload: ComplaintLinked):
        remedies.complaint_linked(event, payload, self.uow)

    @event_handler("logistics.replacement_shipment_planned")
    def on_replacement_shipment_planned(self, event: EventEnvelope,
                                        payload: ReplacementShipmentPlanned):
        remedies.replacement_shipment_planned(event, payload, self.uow)

    # -- installation and commissioning (AFS-3) ------------------------------------------------
    @event_handler("sales.site_ready")
    def on_site_ready(self, event: EventEnvelope, payload: SiteReady):
        installations.site_ready(event, payload, self.uow)

    @expose
    def list_installations(self, actor, order_no, status, limit):
        return installations.list_installations(actor, order_no, status, limit, self.uow)

    @expose
    def complete_installation(self, actor, installation_no, done):
        return installations.complete_installation(actor, installation_no, done, self.uow)

    @expose
    def sign_off_installation(self, actor, installation_no, sign_off):
        return installations.sign_off_installation(actor, installation_no, sign_off, self.uow)
