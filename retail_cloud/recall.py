# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Recall (条例 Art. 44): stop selling a lot at once and say, for a lot or a
supplier batch, what came in, where it is now and who bought it."""
from sql import Cast, Literal, Null
from sql.aggregate import Max, Min, Sum
from sql.conditionals import Case, Coalesce
from sql.functions import Abs
from sql.operators import Concat

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction

from .exceptions import RecalledLotError


class Lot(metaclass=PoolMeta):
    __name__ = 'stock.lot'

    recall_date = fields.Date(
        "Recall Date", readonly=True,
        help="From this date the lot is no longer sold.")
    recall_reason = fields.Char(
        "Recall Reason",
        states={'readonly': Bool(Eval('recall_date'))})
    recalled = fields.Function(
        fields.Boolean("Recalled"), 'get_recalled', searcher='search_recalled')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'recall': {
                    'invisible': Bool(Eval('recall_date')),
                    'depends': ['recall_date'],
                    },
                })

    def get_recalled(self, name):
        return bool(self.recall_date)

    @classmethod
    def search_recalled(cls, name, clause):
        _, operator, value = clause
        recalled = (operator == '=') == bool(value)
        return [('recall_date', '!=' if recalled else '=', None)]

    @classmethod
    @ModelView.button_action('retail_cloud.act_recall_customer_lot')
    def recall(cls, lots):
        "Stop every sale of the lots and show whom to contact"
        Date = Pool().get('ir.date')
        cls.write([lot for lot in lots if not lot.recall_date], {
                'recall_date': Date.today(),
                })

    def sellable_on(self, date):
        return not self.recall_date and super().sellable_on(date)


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def check_expired_lots(cls, moves):
        # A recalled lot never reaches a customer, whoever tries
        for move in moves:
            if (move.lot and move.lot.recall_date
                    and move.to_location.type == 'customer'):
                raise RecalledLotError(gettext(
                        'retail_cloud.msg_move_lot_recalled',
                        lot=move.lot.rec_name,
                        product=move.product.rec_name,
                        recall_date=move.lot.recall_date,
                        to_location=move.to_location.rec_name))
        super().check_expired_lots(moves)


class RecallContext(ModelView):
    "Recall Context"
    __name__ = 'retail.recall.context'

    recall_lot = fields.Many2One(
        'stock.lot', "Lot",
        context={'company': Eval('context', {}).get('company', -1)})
    recall_batch = fields.Char(
        "Supplier Batch Number", strip=True,
        help="All the lots of this batch number (批号).")


def recall_lot_condition(column):
    "The SQL condition on the lot column for the recall context"
    pool = Pool()
    Lot = pool.get('stock.lot')
    context = Transaction().context
    condition = column != Null
    if context.get('recall_lot'):
        condition &= column == context['recall_lot']
    if context.get('recall_batch'):
        lot = Lot.__table__()
        condition &= column.in_(lot.select(lot.id,
                where=lot.supplier_batch == context['recall_batch']))
    return condition


class ContactMixin:
    "The phone of the customer"
    __slots__ = ()

    phone = fields.Function(fields.Char("Phone"), 'get_contact')
    email = fields.Function(fields.Char("Email"), 'get_contact')

    def get_contact(self, name):
        types = {'phone', 'mobile'} if name == 'phone' else {name}
        if self.customer:
            mechanism = self.customer.contact_mechanism_get(types)
            if mechanism:
                return mechanism.value


class LotMoveMixin(ContactMixin):
    "The done moves of the recall's lots, with their sale and customer"
    __slots__ = ()

    company = fields.Many2One('company.company', "Company")
    lot = fields.Many2One('stock.lot', "Lot")
    product = fields.Many2One(
        'product.product', "Product",
        context={'company': Eval('company', -1)},
        depends={'company'})
    customer = fields.Many2One(
        'party.party', "Customer",
        context={'company': Eval('company', -1)},
        depends={'company'})

    @classmethod
    def _trace_tables(cls):
        pool = Pool()
        Move = pool.get('stock.move')
        Location = pool.get('stock.location')
        SaleLine = pool.get('sale.line')
        Sale = pool.get('sale.sale')
        POSLine = pool.get('sale.point.sale.line')
        POSSale = pool.get('sale.point.sale')
        ShipmentOut = pool.get('stock.shipment.out')
        tables = {
            'move': Move.__table__(),
            'from_location': Location.__table__(),
            'to_location': Location.__table__(),
            'sale_line': SaleLine.__table__(),
            'sale': Sale.__table__(),
            'pos_line': POSLine.__table__(),
            'pos_sale': POSSale.__table__(),
            'shipment_out': ShipmentOut.__table__(),
            }
        t = tables
        move = t['move']

        def points_to(column, Model, table):
            "The reference column points to the record of the table"
            return (column.like(Model.__name__ + ',%')
                & (table.id == Move.origin.sql_id(column, Model)))
        sale_line = points_to(move.origin, SaleLine, t['sale_line'])
        pos_line = points_to(move.origin, POSLine, t['pos_line'])
        shipment_out = points_to(
            move.shipment, ShipmentOut, t['shipment_out'])
        from_item = (move
            .join(t['from_location'],
                condition=move.from_location == t['from_location'].id)
            .join(t['to_location'],
                condition=move.to_location == t['to_location'].id)
            .join(t['sale_line'], type_='LEFT', condition=sale_line)
            .join(t['sale'], type_='LEFT',
                condition=t['sale'].id == t['sale_line'].sale)
            .join(t['pos_line'], type_='LEFT', condition=pos_line)
            .join(t['pos_sale'], type_='LEFT',
                condition=t['pos_sale'].id == t['pos_line'].sale)
            .join(t['shipment_out'], type_='LEFT', condition=shipment_out))
        return from_item, tables

    @classmethod
    def _trace_where(cls, tables):
        move = tables['move']
        return (move.state == 'done') & recall_lot_condition(move.lot)

    @classmethod
    def _customer(cls, tables):
        "The buyer of a channel order, the member of a POS sale"
        return Coalesce(tables['sale'].party, tables['pos_sale'].member,
            tables['shipment_out'].customer)


class RecallTrace(LotMoveMixin, ModelSQL, ModelView):
    "Recall Trace"
    __name__ = 'retail.recall.trace'

    date = fields.Date("Date")
    kind = fields.Selection([
            ('receipt', "Receipt"),
            ('supplier_return', "Return to Supplier"),
            ('pos_sale', "POS Sale"),
            ('sale', "Channel Sale"),
            ('customer_return', "Customer Return"),
            ('transfer', "Transfer"),
            ('write_off', "Write-off"),
            ('found', "Inventory Gain"),
            ('other', "Other"),
            ], "Kind")
    from_location = fields.Many2One('stock.location', "From Location")
    to_location = fields.Many2One('stock.location', "To Location")
    quantity = fields.Float("Quantity", digits='unit')
    unit = fields.Many2One('product.uom', "Unit")
    document = fields.Reference("Document", 'get_documents')
    channel = fields.Many2One('retail.channel', "Channel")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        from_item, tables = cls._trace_tables()
        move = tables['move']
        return from_item.select(
            move.id.as_('id'),
            move.company.as_('company'),
            move.lot.as_('lot'),
            move.product.as_('product'),
            move.effective_date.as_('date'),
            cls._kind(tables).as_('kind'),
            move.from_location.as_('from_location'),
            move.to_location.as_('to_location'),
            move.quantity.as_('quantity'),
            move.unit.as_('unit'),
            cls._document(tables).as_('document'),
            cls._customer(tables).as_('customer'),
            Coalesce(
                tables['sale'].channel, tables['pos_sale'].channel).as_(
                'channel'),
            where=cls._trace_where(tables))

    @classmethod
    def _kind(cls, tables):
        from_type = tables['from_location'].type
        to_type = tables['to_location'].type
        stock = ['storage', 'view', 'transit']
        return Case(
            (from_type == 'supplier', 'receipt'),
            (to_type == 'supplier', 'supplier_return'),
            ((to_type == 'customer') & (tables['pos_line'].id != Null),
                'pos_sale'),
            (to_type == 'customer', 'sale'),
            (from_type == 'customer', 'customer_return'),
            (to_type == 'lost_found', 'write_off'),
            (from_type == 'lost_found', 'found'),
            (from_type.in_(stock) & to_type.in_(stock), 'transfer'),
            else_='other')

    @classmethod
    def _document(cls, tables):
        "The POS sale or the order rather than their line, else the shipment"
        move = tables['move']
        sql_type = cls.document.sql_type().base

        def reference(model, column):
            return Concat(model + ',', Cast(column, sql_type))
        return Case(
            (tables['pos_line'].id != Null,
                reference('sale.point.sale', tables['pos_line'].sale)),
            (move.shipment != Null, move.shipment),
            (tables['sale'].id != Null,
                reference('sale.sale', tables['sale'].id)),
            else_=move.origin)

    @classmethod
    def get_documents(cls):
        pool = Pool()
        Move = pool.get('stock.move')
        IrModel = pool.get('ir.model')
        documents = dict(Move.get_shipment() + Move.get_origin())
        for model in ['sale.sale', 'sale.point.sale']:
            documents[model] = IrModel.get_name(model)
        return list(documents.items())


class RecallCustomer(LotMoveMixin, ModelSQL, ModelView):
    "Recall Customer to Contact"
    __name__ = 'retail.recall.customer'

    quantity = fields.Float("Quantity Bought", digits='unit')
    unit = fields.Function(
        fields.Many2One('product.uom', "Unit"), 'get_unit')
    last_date = fields.Date("Last Purchase")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('last_date', 'DESC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        from_item, tables = cls._trace_tables()
        move = tables['move']
        customer = cls._customer(tables)
        return from_item.select(
            Min(move.id).as_('id'),
            move.company.as_('company'),
            move.lot.as_('lot'),
            move.product.as_('product'),
            customer.as_('customer'),
            Sum(move.internal_quantity).as_('quantity'),
            Max(move.effective_date).as_('last_date'),
            where=cls._trace_where(tables)
            & (tables['to_location'].type == 'customer')
            & (customer != Null),
            group_by=[move.company, move.lot, move.product, customer])

    def get_unit(self, name):
        return self.product.default_uom.id


class RecallStock(ModelSQL, ModelView):
    "Recall Stock by Location"
    __name__ = 'retail.recall.stock'

    company = fields.Many2One('company.company', "Company")
    lot = fields.Many2One('stock.lot', "Lot")
    product = fields.Many2One(
        'product.product', "Product",
        context={'company': Eval('company', -1)},
        depends={'company'})
    location = fields.Many2One('stock.location', "Location")
    warehouse = fields.Function(
        fields.Many2One('stock.location', "Warehouse"), 'get_warehouse')
    quantity = fields.Float("Quantity", digits='unit')
    unit = fields.Function(
        fields.Many2One('product.uom', "Unit"), 'get_unit')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('lot', 'ASC'), ('location', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Move = pool.get('stock.move')
        Location = pool.get('stock.location')
        move = Move.__table__()
        location = Location.__table__()
        where = (move.state == 'done') & recall_lot_condition(move.lot)
        # Each move enters one location and leaves another: twice its id
        # (+1 entering) is unique to the side and so to the group
        columns = [move.company, move.lot, move.product]
        entering = move.select(*columns,
            (move.id * 2 + 1).as_('key'), move.to_location.as_('location'),
            move.internal_quantity.as_('quantity'), where=where)
        leaving = move.select(*columns,
            (move.id * 2).as_('key'), move.from_location.as_('location'),
            (-move.internal_quantity).as_('quantity'), where=where)
        sides = entering | leaving
        sides.all_ = True
        quantity = Sum(sides.quantity)
        group = [sides.company, sides.lot, sides.product, sides.location]
        return (sides
            .join(location, condition=location.id == sides.location)
            .select(Max(sides.key).as_('id'), *group,
                quantity.as_('quantity'),
                where=location.type == 'storage',
                group_by=group,
                having=Abs(quantity) > Literal(1e-6)))

    def get_warehouse(self, name):
        warehouse = self.location.warehouse
        return warehouse.id if warehouse else None

    def get_unit(self, name):
        return self.product.default_uom.id
