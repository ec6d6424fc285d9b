"""Each document (X-4) built from the services' views: which facts, which lines, in Chinese.

Adding a document is one function here returning a `Sheet`, and one route in
gateway/api/routes/documents.py that fetches what it needs (docs/web-pages.md).
"""

from __future__ import annotations

from gateway.documents.sheet import Sheet, day, moment, money, number
from gateway.i18n import label


def _status(value) -> str:
    return label("zh-CN", f"status.{getattr(value, 'value', value)}")


def contract(order, customer, company: str, zone: str, printed_at: str) -> Sheet:
    """订单购销单: the contract the customer signs (SAL-6)."""
    lines = [[str(line.line_no), line.product_code, line.spec or "—", number(line.quantity),
              money(line.unit_price),
              money(line.unit_price * line.quantity if line.unit_price is not None else None),
              day(line.confirmed_date or line.requested_date)] for line in order.lines]
    return Sheet(
        title="订单购销单", number_label="合同号", number=order.contract_no or "（未签订）",
        company=company, printed_at=printed_at,
        facts=[("订单号", order.order_no), ("客户", _customer(customer, order.customer_code)),
               ("客户等级", order.customer_grade), ("订单类型", _status(order.kind)),
               ("合同金额", money(order.contract_total)), ("定金", money(order.deposit)),
               ("已收款", money(order.paid_total)), ("接单时间", moment(order.received_at, zone)),
               ("交货地址", getattr(customer, "address", "") or "—")],
        columns=["行", "产品型号", "规格", "数量", "单价", "金额", "交货日期"], lines=lines,
        notes=["付款方式：合同签订后付定金，发货前付清全款。",
               "交货日期以双方确认的日期为准。"],
        signatures=["供方（盖章）", "需方（盖章）", "签订日期"])


def production_instruction(order, plan, company: str, zone: str, printed_at: str) -> Sheet:
    """生产指令: sales' instruction to planning (SAL-7), with the plan once there is one."""
    facts = [("订单号", order.order_no), ("客户", order.customer_code),
             ("订单类型", _status(order.kind)), ("加急", "是" if order.rush else "否"),
             ("合同号", order.contract_no or "—")]
    if plan is not None:
        facts += [("计划号", plan.plan_no),
                  ("计划完工", moment(plan.planned_completion, zone))]
    lines = [[str(line.line_no), line.product_code, line.spec or "—", number(line.quantity),
              day(line.confirmed_date or line.requested_date)] for line in order.lines]
    work = [[wo.work_order_no, wo.product_code, number(wo.quantity), wo.work_centre,
             moment(wo.planned_start, zone), moment(wo.planned_finish, zone)]
            for wo in (plan.work_orders if plan is not None else [])]
    notes = [f"工单 {' · '.join(row)}" for row in work]
    return Sheet(
        title="生产指令", number_label="指令号", number=order.instruction_no or "（未下达）",
        company=company, printed_at=printed_at, facts=facts,
        columns=["行", "产品型号", "规格", "数量", "交货日期"], lines=lines, notes=notes,
        signatures=["销售部", "计划部", "日期"])


def purchase_order(po, company: str, zone: str, printed_at: str) -> Sheet:
    """采购订单: what procurement orders from a supplier (PRC-2..4)."""
    return Sheet(
        title="采购订单", number_label="采购单号", number=po.po_no, company=company,
        printed_at=printed_at,
        facts=[("供应商", po.supplier_code), ("客户订单号", po.order_no),
               ("物料需求号", po.request_no), ("状态", _status(po.status)),
               ("确认交期", day(po.confirmed_date)), ("已收数量", number(po.received_quantity))],
        columns=["物料编码", "数量", "单价", "金额", "交货日期"],
        lines=[[po.material_code, number(po.quantity), money(po.unit_price),
                money(po.unit_price * po.quantity), day(po.confirmed_date)]],
        notes=[f"到货批次 {lot.lot_no}：{number(lot.quantity)}，{_status(lot.status)}，"
               f"{moment(lot.received_at, zone)}" for lot in po.lots],
        signatures=["采购员", "供应商确认", "日期"])


def inspection_report(lot, company: str, zone: str, printed_at: str) -> Sheet:
    """进货检验报告: the incoming inspection of a lot's sample (QLT-1)."""
    findings = [f"严重缺陷：{d}" for d in lot.serious_defects] + list(lot.reasons)
    return Sheet(
        title="进货检验报告", number_label="批次号", number=lot.lot_no, company=company,
        printed_at=printed_at,
        facts=[("采购单号", lot.po_no), ("客户订单号", lot.order_no),
               ("供应商", lot.supplier_code), ("结论", _status(lot.status)),
               ("检验员", lot.inspected_by or "—"), ("检验时间", moment(lot.inspected_at, zone)),
               ("到货时间", moment(lot.received_at, zone))],
        columns=["物料编码", "到货数量", "抽样数", "不合格数", "合格率"],
        lines=[[lot.material_code, number(lot.quantity), number(lot.sample_size),
                number(lot.defects),
                "—" if lot.pass_rate is None else f"{lot.pass_rate * 100:.2f}%"]],
        notes=findings, signatures=["检验员", "质量部负责人", "日期"])


def final_inspection_report(inspection, order, company: str, zone: str,
                            printed_at: str) -> Sheet:
    """成品检验报告: the verdict on an order's finished products (QLT-2)."""
    return Sheet(
        title="成品检验报告", number_label="检验单号", number=inspection.inspection_no,
        company=company, printed_at=printed_at,
        facts=[("客户订单号", inspection.order_no), ("结论", _status(inspection.status)),
               ("检验员", inspection.inspected_by or "—"),
               ("检验时间", moment(inspection.inspected_at, zone))],
        columns=["行", "产品型号", "规格", "数量"],
        lines=[[str(line.line_no), line.product_code, line.spec or "—", number(line.quantity)]
               for line in order.lines],
        notes=[f"检验意见：{inspection.findings}"] if inspection.findings else [],
        signatures=["检验员", "质量部负责人", "日期"])


def shipping_notice(shipment, company: str, zone: str, printed_at: str) -> Sheet:
    """发货通知单: the notice the goods travel with (LOG-3)."""
    return Sheet(
        title="发货通知单", number_label="发货单号", number=shipment.shipment_no,
        company=company, printed_at=printed_at,
        facts=[("客户订单号", shipment.order_no), ("客户", shipment.customer_code),
               ("收货地址", shipment.destination or "—"), ("状态", _status(shipment.status)),
               ("承运", shipment.carrier or "—"), ("车牌号", shipment.vehicle_no or "—"),
               ("备货时间", moment(shipment.prepared_at, zone)),
               ("发车时间", moment(shipment.dispatched_at, zone)),
               ("签收人", shipment.received_by or "—"), ("签收单号", shipment.receipt_no or "—")],
        columns=["产品型号", "数量"],
        lines=[[line.product_code, number(line.quantity)] for line in shipment.lines],
        notes=["货款已结清，准予发货。" if shipment.payment_cleared else "货款未结清，不得发车。"],
        signatures=["发货人", "承运人", "收货人签收"])


def _customer(customer, code: str) -> str:
    return f"{customer.name}（{code}）" if customer is not None else code


def change_notice(change, order, company: str, zone: str, printed_at: str) -> Sheet:
    """更改通知单: a customer's (or design's technical) change of an order (SAL-8, PLN-15)."""
    before = {line.line_no: line for line in change.lines_before}
    lines = []
    for line in change.lines_after:
        old = before.get(line.line_no)
        lines.append([str(line.line_no), line.product_code,
                      number(old.quantity) if old else "—", number(line.quantity),
                      old.spec or "—" if old else "—", line.spec or "—",
                      day(old.requested_date) if old else "—", day(line.requested_date)])
    facts = [("订单号", change.order_no), ("客户", order.customer_code),
             ("类型", "技术更改" if change.technical_change else "客户更改"),
             ("状态", label("zh-CN", f"change.{change.status.value}")),
             ("严重度", "—" if change.severity is None else f"{change.severity} 级"),
             ("来源", change.received_from), ("收到时间", moment(change.received_at, zone)),
             ("修订版", str(change.revision))]
    if change.agreed_date:
        facts.append(("确认交期", day(change.agreed_date)))
    if change.supplementary_contract_no:
        facts += [("补充合同号", change.supplementary_contract_no),
                  ("价格调整", money(change.price_increase))]
    notes = [f"更改内容：{change.description}"] if change.description else []
    if change.reason:
        notes.append(f"评定理由：{change.reason}")
    notes += [f"{label('zh-CN', f'dept.{o.department}')}："
              f"{'已执行' if o.applied else '拒绝'}{('，' + o.reason) if o.reason else ''}"
              for o in change.outcomes]
    return Sheet(
        title="更改通知单", number_label="更改单号", number=change.change_no, company=company,
        printed_at=printed_at, facts=facts,
        columns=["行", "产品型号", "原数量", "新数量", "原规格", "新规格", "原交期", "新交期"],
        lines=lines, notes=notes, signatures=["销售部", "计划部", "设计部", "日期"])


def nonconformance_report(ncr, company: str, zone: str, printed_at: str) -> Sheet:
    """不合格品报告 (NCR): what did not conform, its cause and disposition (QLT-4)."""
    facts = [("来源", label("zh-CN", f"ncr.source.{ncr.source}")), ("来源单号", ncr.source_no),
             ("客户订单号", ncr.order_no), ("状态", label("zh-CN", f"ncr.{ncr.status.value}")),
             ("处置", label("zh-CN", f"ncr.{ncr.disposition.value}")),
             ("责任人", ncr.owner or "—"), ("开立人", ncr.opened_by),
             ("开立时间", moment(ncr.opened_at, zone)), ("关闭时间", moment(ncr.closed_at, zone))]
    if ncr.price_reduction_percent is not None:
        facts.append(("让步降价", f"{number(ncr.price_reduction_percent)}%"))
    notes = [f"原因：{ncr.cause}"] + ([f"关闭证据：{ncr.evidence}"] if ncr.evidence else [])
    notes += [f"关联投诉：{no}" for no in ncr.complaints]
    return Sheet(
        title="不合格品报告", number_label="报告号", number=ncr.ncr_no, company=company,
        printed_at=printed_at, facts=facts, columns=["产品型号", "数量"],
        lines=[[ncr.product_code or "—", number(ncr.quantity)]], notes=notes,
        signatures=["质检员", "质量部负责人", "责任部门", "日期"])
