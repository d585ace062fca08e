# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import StoreValidationError


class CodeMixin:
    "A code unique per company, shown and searched with the name"
    __slots__ = ()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.company, t.code),
                cls._code_unique_message),
            ]
        cls._order.insert(0, ('code', 'ASC'))

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    def get_rec_name(self, name):
        return '[%s] %s' % (self.code, self.name)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, value = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('code', operator, value),
            ('name', operator, value),
            ]


class Store(CodeMixin, ModelSQL, ModelView):
    "Store"
    __name__ = 'retail.store'
    _code_unique_message = 'retail_cloud.msg_store_code_unique'

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True, translate=True)
    company = fields.Many2One('company.company', "Company", required=True)
    warehouse = fields.Many2One(
        'stock.location', "Warehouse", required=True,
        domain=[('type', '=', 'warehouse')],
        help="The warehouse the store sells from.")
    points = fields.One2Many(
        'sale.point', 'store', "Points of Sale",
        domain=[('company', '=', Eval('company', -1))])
    channel = fields.Many2One(
        'retail.channel', "Channel", required=True,
        domain=[('company', '=', Eval('company', -1))],
        help="The channel of the sales made in the store.")
    cash_account = fields.Many2One(
        'account.account', "Cash Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type', '!=', None),
            ('closed', '!=', True),
            ],
        help="The store's cash on hand (1001 sub-account).")
    cash_variance_type = fields.Many2One(
        'sale.point.cash.transfer.type', "Cash Variance",
        domain=[('company', '=', Eval('company', -1))],
        help="The transfer that books the difference between the cash "
        "counted and expected when a till's session closes "
        "(to 1901 pending approval).")
    payment_accounts = fields.One2Many(
        'retail.store.payment_account', 'store', "Payment Accounts",
        help="The account of each payment method in this store.")
    analytic_account = fields.Many2One(
        'analytic_account.account', "Analytic Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type', '=', 'normal'),
            ])
    address = fields.Many2One(
        'party.address', "Address",
        domain=[('party', '=', Eval('company_party', -1))])
    company_party = fields.Function(
        fields.Many2One(
            'party.party', "Company Party",
            context={'company': Eval('company', -1)},
            depends={'company'}),
        'on_change_with_company_party')
    manager = fields.Many2One(
        'company.employee', "Manager",
        domain=[('company', '=', Eval('company', -1))])
    state = fields.Selection([
            ('open', "Open"),
            ('closed', "Closed"),
            ], "State", required=True, sort=False)

    @classmethod
    def default_state(cls):
        return 'open'

    @fields.depends('company')
    def on_change_with_company_party(self, name=None):
        return self.company.party if self.company else None

    def payment_account(self, method):
        "Return the account of the payment method in this store"
        for line in self.payment_accounts:
            if line.method == method:
                return line.account
        if method.cash and self.cash_account:
            return self.cash_account
        return method.account

    def check_open(self):
        if self.state != 'open':
            raise StoreValidationError(gettext(
                    'retail_cloud.msg_store_closed', store=self.rec_name))

    @classmethod
    def validate_fields(cls, stores, field_names):
        super().validate_fields(stores, field_names)
        if field_names & {'points', 'warehouse'}:
            for store in stores:
                store.check_points_warehouse()

    def check_points_warehouse(self):
        "The tills of a store take their goods from the store's warehouse"
        for point in self.points:
            if (point.storage_location
                    and point.storage_location.warehouse != self.warehouse):
                raise StoreValidationError(gettext(
                        'retail_cloud.msg_store_point_warehouse',
                        store=self.rec_name, point=point.rec_name,
                        warehouse=self.warehouse.rec_name))


class StorePaymentAccount(ModelSQL, ModelView):
    "Store Payment Account"
    __name__ = 'retail.store.payment_account'

    store = fields.Many2One(
        'retail.store', "Store", required=True, ondelete='CASCADE')
    method = fields.Many2One(
        'sale.point.payment.method', "Payment Method", required=True,
        domain=[
            ('company', '=', Eval('_parent_store', {}).get('company', -1)),
            ])
    account = fields.Many2One(
        'account.account', "Account", required=True,
        domain=[
            ('company', '=', Eval('_parent_store', {}).get('company', -1)),
            ('type', '!=', None),
            ('closed', '!=', True),
            ])

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('store_method_unique', Unique(t, t.store, t.method),
                'retail_cloud.msg_store_payment_account_unique'),
            ]


class StoreDefaultMixin:
    "Default store and channel: the user's store and its channel"
    __slots__ = ()

    @classmethod
    def default_store(cls):
        pool = Pool()
        User = pool.get('res.user')
        user = User(Transaction().user)
        if user.store and user.store.company.id == cls.default_company():
            return user.store.id

    @classmethod
    def default_channel(cls):
        pool = Pool()
        Store = pool.get('retail.store')
        store = cls.default_store()
        if store is not None:
            channel = Store(store).channel
            return channel.id if channel else None
