# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from collections import defaultdict
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Workflow, fields)
from trytond.model.exceptions import AccessError
from trytond.modules.company.model import CompanyValueMixin
from trytond.modules.product import price_digits
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, Id
from trytond.transaction import Transaction

from .exceptions import WriteOffError

# The account_cn templates of the accounts a write-off goes through, by
# chart: 小企业 1901 then 5711, 企业 1471 then 6701
CHART_ACCOUNTS = {
    'write_off_pending_account': ['small_1901', 'enterprise_1471'],
    'write_off_loss_account': ['small_5711', 'enterprise_6701'],
    }

write_off_pending_account = fields.Many2One(
    'account.account', "Write-off Pending Account",
    domain=[
        ('closed', '!=', True),
        ('type', '!=', None),
        ('company', '=', Eval('context', {}).get('company', -1)),
        ],
    help="Debited with the value of the goods written off, then credited "
    "when the loss is recognized (小企业 1901, 企业 1471).")
write_off_loss_account = fields.Many2One(
    'account.account', "Write-off Loss Account",
    domain=[
        ('closed', '!=', True),
        ('type', '!=', None),
        ('company', '=', Eval('context', {}).get('company', -1)),
        ],
    help="Where the loss of goods written off ends "
    "(小企业 5711, 企业 6701).")
write_off_sequence = fields.Many2One(
    'ir.sequence', "Write-off Sequence", required=True,
    domain=[
        ('company', 'in', [Eval('context', {}).get('company', -1), None]),
        ('sequence_type', '=',
            Id('retail_cloud', 'sequence_type_write_off')),
        ],
    help="Used to number write-offs.")


def chart_account(name, company):
    "Return the company's account made from the chart's template for name"
    pool = Pool()
    Account = pool.get('account.account')
    ModelData = pool.get('ir.model.data')
    if company is None:
        return None
    templates = [ModelData.get_id('account_cn', t)
        for t in CHART_ACCOUNTS[name]]
    accounts = Account.search([
            ('company', '=', company),
            ('template', 'in', templates),
            ], limit=1)
    if accounts:
        return accounts[0].id


class AccountConfiguration(metaclass=PoolMeta):
    __name__ = 'account.configuration'
    write_off_pending_account = fields.MultiValue(write_off_pending_account)
    write_off_loss_account = fields.MultiValue(write_off_loss_account)

    @classmethod
    def multivalue_model(cls, field):
        pool = Pool()
        if field in CHART_ACCOUNTS:
            return pool.get('account.configuration.write_off_account')
        return super().multivalue_model(field)

    @classmethod
    def default_write_off_pending_account(cls, **pattern):
        return chart_account('write_off_pending_account', pattern.get(
                'company', Transaction().context.get('company')))

    @classmethod
    def default_write_off_loss_account(cls, **pattern):
        return chart_account('write_off_loss_account', pattern.get(
                'company', Transaction().context.get('company')))


class AccountConfigurationWriteOffAccount(ModelSQL, CompanyValueMixin):
    __string__ = "Account Configuration Write-off Account"
    __name__ = 'account.configuration.write_off_account'
    write_off_pending_account = write_off_pending_account
    write_off_loss_account = write_off_loss_account

    @classmethod
    def __setup__(cls):
        super().__setup__()
        for name in CHART_ACCOUNTS:
            getattr(cls, name).domain = [
                ('closed', '!=', True),
                ('type', '!=', None),
                ('company', '=', Eval('company', -1)),
                ]


class StockConfiguration(metaclass=PoolMeta):
    __name__ = 'stock.configuration'
    write_off_sequence = fields.MultiValue(write_off_sequence)

    @classmethod
    def multivalue_model(cls, field):
        pool = Pool()
        if field == 'write_off_sequence':
            return pool.get('stock.configuration.write_off_sequence')
        return super().multivalue_model(field)

    @classmethod
    def default_write_off_sequence(cls, **pattern):
        return cls.multivalue_model(
            'write_off_sequence').default_write_off_sequence()


class StockConfigurationWriteOffSequence(ModelSQL, CompanyValueMixin):
    __string__ = "Stock Configuration Write-off Sequence"
    __name__ = 'stock.configuration.write_off_sequence'
    write_off_sequence = write_off_sequence

    @classmethod
    def default_write_off_sequence(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('retail_cloud', 'sequence_write_off')
        except KeyError:
            return None


class WriteOff(Workflow, ModelSQL, ModelView):
    __string__ = "Write-off"
    __name__ = 'stock.write_off'
    _rec_name = 'number'

    _states = {
        'readonly': Eval('state') != 'draft',
        }

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True,
        states={
            'readonly': (Eval('state') != 'draft') | Eval('lines', [0]),
            })
    store = fields.Many2One(
        'retail.store', "Store", required=True,
        domain=[('company', '=', Eval('company', -1))],
        states={
            'readonly': (Eval('state') != 'draft') | Eval('lines', [0]),
            })
    warehouse = fields.Function(fields.Many2One(
            'stock.location', "Warehouse"),
        'on_change_with_warehouse')
    scrap_location = fields.Many2One(
        'stock.location', "Scrap Location", required=True,
        domain=[('type', '=', 'lost_found')], states=_states,
        help="Where the goods written off go.")
    date = fields.Date("Date", required=True, states=_states)
    reason = fields.Selection([
            ('expired', "Expired"),
            ('damaged', "Damaged"),
            ('recalled', "Recalled"),
            ('other', "Other"),
            ], "Reason", required=True, states=_states)
    description = fields.Char("Description", states=_states)
    lines = fields.One2Many(
        'stock.write_off.line', 'write_off', "Lines",
        states={
            'readonly': (Eval('state') != 'draft') | ~Eval('store'),
            })
    currency = fields.Function(fields.Many2One(
            'currency.currency', "Currency"),
        'on_change_with_currency')
    total_value = fields.Function(fields.Numeric(
            "Total Value", digits='currency'),
        'get_total_value')
    account_moves = fields.One2Many(
        'account.move', 'origin', "Account Moves", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('done', "Done"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    del _states

    @classmethod
    def __setup__(cls):
        cls.number.search_unaccented = False
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'done'),
            ('draft', 'cancelled'),
            }
        cls._buttons.update({
                'cancel': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                'fill_expired': {
                    'invisible': Eval('state') != 'draft',
                    'readonly': ~Eval('store'),
                    'depends': ['state', 'store'],
                    },
                'do': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_reason(cls):
        return 'expired'

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_scrap_location(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        return ModelData.get_id('retail_cloud', 'location_scrap')

    @fields.depends('store')
    def on_change_store(self):
        # A warehouse's own waste location comes before the chain's scrap
        if self.store and self.store.warehouse.waste_locations:
            self.scrap_location = self.store.warehouse.waste_locations[0]

    @fields.depends('store')
    def on_change_with_warehouse(self, name=None):
        return self.store.warehouse if self.store else None

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    def get_total_value(self, name):
        return sum((line.value for line in self.lines), Decimal(0))

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('stock.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('number'):
            company = values.get('company', cls.default_company())
            if company is not None:
                sequence = Configuration(1).get_multivalue(
                    'write_off_sequence', company=company)
                if sequence:
                    values['number'] = sequence.get()
        return values

    @classmethod
    def check_modification(
            cls, mode, write_offs, values=None, external=False):
        super().check_modification(
            mode, write_offs, values=values, external=external)
        if mode == 'delete':
            for write_off in write_offs:
                if write_off.state == 'done':
                    raise AccessError(gettext(
                            'retail_cloud.msg_write_off_delete_done',
                            write_off=write_off.rec_name))

    @classmethod
    def copy(cls, write_offs, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('number', None)
        default.setdefault('account_moves', None)
        return super().copy(write_offs, default=default)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, write_offs):
        pass

    @classmethod
    @ModelView.button
    def fill_expired(cls, write_offs):
        "Add a line for each lot expired on the date and still on a shelf"
        pool = Pool()
        Line = pool.get('stock.write_off.line')
        lines = []
        for write_off in write_offs:
            listed = {(line.location, line.product, line.lot)
                for line in write_off.lines}
            for (location, product, lot), quantity in (
                    write_off.expired_stock().items()):
                if (location, product, lot) not in listed:
                    lines.append(Line(
                            write_off=write_off, location=location,
                            product=product, lot=lot, quantity=quantity,
                            unit=product.default_uom,
                            unit_cost=product.cost_price))
        Line.save(lines)

    def storage_locations(self):
        pool = Pool()
        Location = pool.get('stock.location')
        return Location.search([
                ('parent', 'child_of',
                    [self.store.warehouse.storage_location.id]),
                ('type', '=', 'storage'),
                ])

    def lot_stock(self, locations, grouping_filter=None):
        """Return the quantity on the date by (location, product, lot)
        in the product's unit, positive quantities only"""
        pool = Pool()
        Location = pool.get('stock.location')
        Product = pool.get('product.product')
        Lot = pool.get('stock.lot')
        with Transaction().set_context(
                company=self.company.id, stock_date_end=self.date):
            quantities = Product.products_by_location(
                [location.id for location in locations],
                grouping=('product', 'lot'),
                grouping_filter=grouping_filter)
        return {
            (Location(location), Product(product), Lot(lot) if lot else None):
            quantity
            for (location, product, lot), quantity in quantities.items()
            if quantity > 0}

    def expired_stock(self):
        "Return the expired quantities on the date by (location, product, lot)"
        return {key: quantity
            for key, quantity in self.lot_stock(
                self.storage_locations()).items()
            if key[2] and key[2].expired_on(self.date)}

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, write_offs):
        pool = Pool()
        Move = pool.get('stock.move')
        Line = pool.get('stock.write_off.line')
        AccountMove = pool.get('account.move')
        # Every refusal before anything is written
        for write_off in write_offs:
            write_off.check_done()
        lines = [line for w in write_offs for line in w.lines]
        moves = [line.get_move() for line in lines]
        Move.save(moves)
        for line, move in zip(lines, moves):
            line.move = move
        Move.do(moves)
        for line in lines:
            line.set_unit_cost()
        Line.save(lines)
        vouchers = [v for w in write_offs for v in w.get_vouchers()]
        AccountMove.save(vouchers)
        AccountMove.post(vouchers)

    def check_done(self):
        if self.store.state != 'open':
            raise WriteOffError(gettext(
                    'retail_cloud.msg_write_off_store_closed',
                    write_off=self.rec_name, store=self.store.rec_name))
        if not self.lines:
            raise WriteOffError(gettext(
                    'retail_cloud.msg_write_off_no_lines',
                    write_off=self.rec_name))
        for name in CHART_ACCOUNTS:
            self.account(name)
        self.check_quantities()

    def check_quantities(self):
        "Refuse writing off more of a lot than its location holds"
        pool = Pool()
        Uom = pool.get('product.uom')
        wanted = defaultdict(float)
        for line in self.lines:
            wanted[line.location, line.product, line.lot] += Uom.compute_qty(
                line.unit, line.quantity, line.product.default_uom)
        stock = self.lot_stock(
            {k[0] for k in wanted},
            grouping_filter=([k[1].id for k in wanted],))
        for (location, product, lot), quantity in wanted.items():
            available = stock.get((location, product, lot), 0)
            if product.default_uom.round(quantity - available) > 0:
                raise WriteOffError(gettext(
                        'retail_cloud.msg_write_off_quantity',
                        write_off=self.rec_name, product=product.rec_name,
                        lot=lot.rec_name if lot else '-',
                        location=location.rec_name,
                        store=self.store.rec_name,
                        quantity=quantity, available=available))

    def account(self, name):
        "Return the configured account or refuse"
        pool = Pool()
        Configuration = pool.get('account.configuration')
        account = Configuration(1).get_multivalue(
            name, company=self.company.id)
        if not account:
            raise WriteOffError(gettext(
                    'retail_cloud.msg_write_off_missing_account',
                    write_off=self.rec_name,
                    company=self.company.rec_name,
                    account=Configuration.fields_get(
                        [name])[name]['string']))
        return account

    @property
    def pending_account(self):
        return self.account('write_off_pending_account')

    @property
    def loss_account(self):
        return self.account('write_off_loss_account')

    def get_vouchers(self):
        """Return the vouchers: the goods to the pending account, then the
        pending account to the loss"""
        stock_lines, first = [], None
        for line in self.lines:
            voucher = line.move.get_write_off_account_move()
            if voucher:
                first = first or voucher
                stock_lines.extend(voucher.lines)
        if not first:
            # The fiscal year keeps no perpetual inventory
            return []
        stock_voucher = self._voucher(first, merge_by_account(stock_lines))
        amount = sum(line.debit - line.credit
            for line in stock_voucher.lines
            if line.account == self.pending_account)
        return [stock_voucher, self._voucher(first, self.loss_lines(amount))]

    def _voucher(self, template, lines):
        pool = Pool()
        AccountMove = pool.get('account.move')
        return AccountMove(
            journal=template.journal, period=template.period,
            date=template.date, origin=self, lines=lines,
            description=self.number)

    def loss_lines(self, amount):
        pool = Pool()
        MoveLine = pool.get('account.move.line')
        AnalyticLine = pool.get('analytic_account.line')
        loss = MoveLine(
            account=self.loss_account, debit=amount, credit=Decimal(0))
        if self.store.analytic_account:
            # The loss is the store's
            loss.analytic_lines = [AnalyticLine(
                    account=self.store.analytic_account,
                    debit=amount, credit=Decimal(0), date=self.date)]
        pending = MoveLine(
            account=self.pending_account, debit=Decimal(0), credit=amount)
        return [loss, pending]


def merge_by_account(lines):
    "Return one line per account with the balance of the lines"
    pool = Pool()
    MoveLine = pool.get('account.move.line')
    balances = defaultdict(Decimal)
    for line in lines:
        balances[line.account] += line.debit - line.credit
    return [MoveLine(
            account=account,
            debit=balance if balance > 0 else Decimal(0),
            credit=-balance if balance < 0 else Decimal(0))
        for account, balance in balances.items() if balance]


class WriteOffLine(ModelSQL, ModelView):
    __string__ = "Write-off Line"
    __name__ = 'stock.write_off.line'

    _states = {
        'readonly': Eval('write_off_state') != 'draft',
        }

    write_off = fields.Many2One(
        'stock.write_off', "Write-off", required=True, ondelete='CASCADE',
        states=_states)
    location = fields.Many2One(
        'stock.location', "Location", required=True,
        domain=[
            ('type', '=', 'storage'),
            ('parent', 'child_of',
                [Eval('_parent_write_off', {}).get('warehouse', -1)]),
            ],
        states=_states)
    product = fields.Many2One(
        'product.product', "Product", required=True,
        domain=[('type', '=', 'goods')], states=_states,
        context={
            'company': Eval('_parent_write_off', {}).get('company', -1),
            })
    lot = fields.Many2One(
        'stock.lot', "Lot",
        domain=[('product', '=', Eval('product', -1))], states=_states)
    expiry = fields.Function(
        fields.Date("Expiry"), 'on_change_with_expiry')
    quantity = fields.Float(
        "Quantity", digits='unit', required=True,
        domain=[('quantity', '>', 0)], states=_states)
    unit = fields.Many2One('product.uom', "Unit", required=True, readonly=True)
    unit_cost = fields.Numeric(
        "Unit Cost", digits=price_digits, required=True, states=_states,
        help="The product's cost price, as taken when done.")
    value = fields.Function(fields.Numeric(
            "Value", digits='currency'), 'on_change_with_value')
    currency = fields.Function(fields.Many2One(
            'currency.currency', "Currency"), 'on_change_with_currency')
    move = fields.Many2One('stock.move', "Stock Move", readonly=True)
    write_off_state = fields.Function(fields.Selection(
            'get_write_off_states', "Write-off State"),
        'on_change_with_write_off_state')

    del _states

    @fields.depends('write_off', '_parent_write_off.store')
    def on_change_write_off(self):
        if self.write_off and self.write_off.store:
            self.location = self.write_off.store.warehouse.storage_location

    @fields.depends('product')
    def on_change_product(self):
        if self.product:
            self.unit = self.product.default_uom
            self.unit_cost = self.product.cost_price
            self.lot = None

    @fields.depends('lot')
    def on_change_with_expiry(self, name=None):
        return self.lot.shelf_life_expiration_date if self.lot else None

    @fields.depends('write_off', '_parent_write_off.currency')
    def on_change_with_currency(self, name=None):
        return self.write_off.currency if self.write_off else None

    @fields.depends('quantity', 'unit_cost', 'currency')
    def on_change_with_value(self, name=None):
        if self.quantity is None or self.unit_cost is None:
            return None
        value = Decimal(str(self.quantity)) * self.unit_cost
        return self.currency.round(value) if self.currency else value

    @classmethod
    def get_write_off_states(cls):
        pool = Pool()
        WriteOff = pool.get('stock.write_off')
        return WriteOff.fields_get(['state'])['state']['selection']

    @fields.depends('write_off', '_parent_write_off.state')
    def on_change_with_write_off_state(self, name=None):
        return self.write_off.state if self.write_off else None

    def get_rec_name(self, name):
        lot = ' / %s' % self.lot.rec_name if self.lot else ''
        return '%s%s @ %s' % (
            self.product.rec_name, lot, self.write_off.rec_name)

    def get_move(self):
        "Return the stock move taking the goods to scrap"
        pool = Pool()
        Move = pool.get('stock.move')
        write_off = self.write_off
        return Move(
            product=self.product, lot=self.lot,
            quantity=self.quantity, unit=self.unit,
            from_location=self.location,
            to_location=write_off.scrap_location,
            effective_date=write_off.date, planned_date=write_off.date,
            company=write_off.company, origin=self)

    def set_unit_cost(self):
        "Take the cost the stock was valued at when it left"
        pool = Pool()
        Uom = pool.get('product.uom')
        if self.move.cost_price is not None:
            self.unit_cost = Uom.compute_price(
                self.product.default_uom, self.move.cost_price, self.unit)


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['stock.write_off.line']

    @property
    def write_off(self):
        pool = Pool()
        Line = pool.get('stock.write_off.line')
        if isinstance(self.origin, Line):
            return self.origin.write_off

    def _get_account_stock_move(self):
        # The write-off posts one voucher for all its moves
        if self.write_off:
            return
        return super()._get_account_stock_move()

    def get_write_off_account_move(self):
        "Return the continental account move of the write-off move"
        return super()._get_account_stock_move()

    def _get_account_stock_move_lines(self, type_):
        lines = super()._get_account_stock_move_lines(type_)
        if self.write_off and type_ == 'out_lost_found':
            # Pending approval of the loss (待处理财产损溢), not cost
            for line in lines:
                line.account = self.write_off.pending_account
        return lines


class AccountMove(metaclass=PoolMeta):
    __name__ = 'account.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['stock.write_off']
