from planning.adapters.change_parts import SqlChangeParts
from planning.adapters.closings import SqlClosingRepository, SqlProductionFacts
from planning.adapters.co_production import SqlCoProducedParts, SqlCoProductionInstructions
from planning.adapters.demand_lines import SqlDemandLines
from planning.adapters.live_plan import SqlLivePlan
from planning.adapters.master_data import SqlMasterDataRepository
from planning.adapters.masterdata import SqlPlanningMasterData
from planning.adapters.objections import SqlObjectionRepository
from planning.adapters.outsourcing import SqlOutsourcingRepository
from planning.adapters.process_control import SqlProcessControl
from planning.adapters.repository import SqlDemandRepository, SqlPlanRepository
from planning.adapters.rework_orders import SqlReworkOrderRepository
from planning.adapters.stock import SqlStockFacts
from planning.adapters.stock_targets import SqlStockTargets
from servicekit.uow import UnitOfWork


class PlanningUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.demands = SqlDemandRepository(session)
        self.plans = SqlPlanRepository(session)
        self.master_data = SqlMasterDataRepository(session)
        self.change_parts = SqlChangeParts(session)  # SAL-8
        self.demand_lines = SqlDemandLines(session)
        self.rework_orders = SqlReworkOrderRepository(session)
        self.objections = SqlObjectionRepository(session)  # PLN-6
        self.outsourcing = SqlOutsourcingRepository(session)  # PLN-10
        self.process = SqlProcessControl(session)  # PLN-8
        self.master_records = SqlPlanningMasterData(session)  # issue 17: kept via the gateway
        self.stock = SqlStockFacts(session)
        self.stock_targets = SqlStockTargets(session)  # PLN-11
        self.live = SqlLivePlan(session)
        self.co_produced = SqlCoProducedParts(session)  # CO-1
        self.co_production = SqlCoProductionInstructions(session)
        self.closings = SqlClosingRepository(session)  # PLN-13
        self.production_facts = SqlProductionFacts(session)  # PLN-14
