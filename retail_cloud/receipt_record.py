# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"The goods-receipt inspection record (进货查验记录, 办法 Art. 39)"
from dateutil.relativedelta import relativedelta
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import ReceiptRecordError

# Copied at the receipt: later edits of the product or supplier must not
# rewrite what was checked
LEGAL_FIELDS = {
    'company', 'warehouse', 'store', 'date', 'product', 'product_name',
    'registration_number', 'production_date', 'expiry_date', 'net_content',
    'quantity', 'unit', 'supplier', 'supplier_name', 'supplier_address',
    'supplier_contact', 'lot', 'lot_number', 'supplier_batch', 'move',
    'retain_until',
    }


def retain_until(date, expiry):
    "条例 Art. 31: a year after expiry, and at least two years"
    until = date + relativedelta(years=2)
    if expiry:
        until = max(until, expiry + relativedelta(years=1))
    return until


class ReceiptRecord(ModelSQL, ModelView):
    "Goods Receipt Inspection Record"
    __name__ = 'stock.receipt.record'

    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    warehouse = fields.Many2One(
        'stock.location', "Warehouse", required=True, readonly=True)
    store = fields.Many2One(
        'retail.store', "Store", readonly=True,
        help="The store whose warehouse received the goods.")
    for_store = fields.Function(fields.Many2One(
            'retail.store', "For Store",
            help="The stores that must produce the record: the one that "
            "received the lot and those it was transferred to."),
        'get_for_store', searcher='search_for_store')
    date = fields.Date("Purchase Date", required=True, readonly=True)
    product = fields.Many2One(
        'product.product', "Product", required=True, readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    product_name = fields.Char("Product Name", required=True, readonly=True)
    registration_number = fields.Char(
        "Registration or Filing Number", readonly=True)
    production_date = fields.Date("Production Date", readonly=True)
    expiry_date = fields.Date("Expiry Date", readonly=True)
    net_content = fields.Char("Net Content", readonly=True)
    quantity = fields.Float(
        "Quantity", digits='unit', required=True, readonly=True)
    unit = fields.Many2One(
        'product.uom', "Unit", required=True, readonly=True)
    supplier = fields.Many2One(
        'party.party', "Supplier", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    supplier_name = fields.Char("Supplier Name", readonly=True)
    supplier_address = fields.Text("Supplier Address", readonly=True)
    supplier_contact = fields.Char("Supplier Contact", readonly=True)
    lot = fields.Many2One('stock.lot', "Lot", required=True, readonly=True)
    lot_number = fields.Char("Lot Number", readonly=True)
    supplier_batch = fields.Char("Supplier Batch Number", readonly=True)
    move = fields.Many2One(
        'stock.move', "Move", required=True, readonly=True,
        ondelete='RESTRICT')
    business_registration_checked = fields.Boolean(
        "Business Registration Checked",
        help="The supplier's business registration (市场主体登记证明).")
    registration_checked = fields.Boolean(
        "Registration or Filing Checked",
        help="The product's registration certificate or filing (注册证/备案).")
    inspection_certificate_checked = fields.Boolean(
        "Inspection Certificate Checked",
        help="The batch's factory inspection certificate (出厂检验合格证明).")
    retain_until = fields.Date(
        "Retain Until", required=True, readonly=True,
        help="The record may not be deleted before this date.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    def get_rec_name(self, name):
        return '%s %s %s' % (self.date, self.product_name, self.lot_number)

    def get_for_store(self, name):
        return self.store.id if self.store else None

    @classmethod
    def search_for_store(cls, name, clause):
        "Records of the lots that went into the stores' warehouses (Art. 40)"
        pool = Pool()
        Store = pool.get('retail.store')
        Move = pool.get('stock.move')
        Location = pool.get('stock.location')
        _, operator, value = clause[:3]
        field = 'rec_name' if isinstance(value, str) else 'id'
        stores = Store.search([(field, operator, value)], order=[])
        record = cls.__table__()
        move = Move.__table__()
        location = Location.__table__()
        warehouse = Location.__table__()
        store = Store.__table__()
        # The receipt itself is a move into the warehouse's input
        query = (record
            .join(move, condition=(move.lot == record.lot)
                & (move.state == 'done'))
            .join(location, condition=move.to_location == location.id)
            .join(warehouse, condition=(location.left >= warehouse.left)
                & (location.right <= warehouse.right))
            .join(store, condition=store.warehouse == warehouse.id)
            .select(record.id,
                where=store.id.in_([s.id for s in stores] or [-1])))
        return [('id', 'in', query)]

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'write' and values.keys() & LEGAL_FIELDS:
            raise ReceiptRecordError(gettext(
                    'retail_cloud.msg_receipt_record_legal_fields',
                    record=records[0].rec_name))
        elif mode == 'delete':
            today = Pool().get('ir.date').today()
            for record in records:
                if today <= record.retain_until:
                    raise ReceiptRecordError(gettext(
                            'retail_cloud.msg_receipt_record_retained',
                            record=record.rec_name,
                            retain_until=record.retain_until))

    @classmethod
    def from_moves(cls, moves):
        "Record the receipts among the moves"
        records = [cls.from_move(m) for m in moves if cls.is_receipt(m)]
        cls.save(records)
        return records

    @staticmethod
    def is_receipt(move):
        return (move.state == 'done' and move.lot
            and move.from_location.type == 'supplier'
            and move.to_location.type == 'storage')

    @classmethod
    def from_move(cls, move):
        pool = Pool()
        Store = pool.get('retail.store')
        Date = pool.get('ir.date')
        lot, template = move.lot, move.product.template
        warehouse = move.to_location.warehouse
        stores = Store.search([('warehouse', '=', warehouse)], limit=1)
        date = move.effective_date or Date.today()
        record = cls(
            company=move.company, warehouse=warehouse,
            store=stores[0] if stores else None, date=date,
            product=move.product, product_name=move.product.rec_name,
            registration_number=template.registration_number,
            production_date=lot.production_date,
            expiry_date=lot.shelf_life_expiration_date,
            net_content=cls.format_net_content(template),
            quantity=move.quantity, unit=move.unit,
            lot=lot, lot_number=lot.number,
            supplier_batch=lot.supplier_batch, move=move,
            retain_until=retain_until(date, lot.shelf_life_expiration_date))
        record.set_supplier(cls.move_supplier(move))
        return record

    @staticmethod
    def format_net_content(template):
        if template.net_content is None:
            return None
        unit = template.net_content_unit
        quantity = unit.round(template.net_content) if unit else (
            template.net_content)
        return ('%g %s' % (quantity, unit.symbol if unit else '')).strip()

    @staticmethod
    def move_supplier(move):
        "The lot's supplier, else the shipment's or the purchase's party"
        pool = Pool()
        ShipmentIn = pool.get('stock.shipment.in')
        PurchaseLine = pool.get('purchase.line')
        if move.lot.supplier:
            return move.lot.supplier
        if isinstance(move.shipment, ShipmentIn):
            return move.shipment.supplier
        if isinstance(move.origin, PurchaseLine):
            return move.origin.purchase.party

    def set_supplier(self, party):
        if not party:
            return
        self.supplier = party
        self.supplier_name = party.name
        address = party.address_get()
        self.supplier_address = address.full_address if address else None
        contacts = [party.contact_mechanism_get(types)
            for types in [{'phone', 'mobile'}, 'email']]
        self.supplier_contact = ', '.join(
            c.value for c in contacts if c) or None


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def do(cls, moves):
        pool = Pool()
        Record = pool.get('stock.receipt.record')
        # Moves done earlier have their record already
        new = [m for m in moves if m.state != 'done']
        super().do(moves)
        with Transaction().set_context(_check_access=False):
            Record.from_moves(cls.browse(new))
