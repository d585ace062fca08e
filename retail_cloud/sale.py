# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import dualmethod, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .channel_order import channel_analytic_entries
from .store import StoreDefaultMixin


class StoreChannelMixin:
    "Where a document's sale happened: its store and its channel"
    __slots__ = ()

    store = fields.Many2One(
        'retail.store', "Store", ondelete='RESTRICT',
        domain=[('company', '=', Eval('company', -1))])
    channel = fields.Many2One(
        'retail.channel', "Channel", ondelete='RESTRICT',
        domain=[('company', '=', Eval('company', -1))])

    @classmethod
    def _set_store_readonly(cls, readonly):
        cls.store.states['readonly'] = readonly
        cls.channel.states['readonly'] = readonly


class Sale(StoreChannelMixin, StoreDefaultMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._set_store_readonly(Eval('state') != 'draft')

    @classmethod
    def default_warehouse(cls):
        pool = Pool()
        Store = pool.get('retail.store')
        store = cls.default_store()
        if store is not None:
            return Store(store).warehouse.id
        return super().default_warehouse()

    @fields.depends(
        'store', 'channel', 'warehouse', methods=['on_change_channel'])
    def on_change_store(self):
        if self.store:
            self.warehouse = self.store.warehouse
            if self.store.channel and not self.channel:
                self.channel = self.store.channel
            self.on_change_channel()

    @fields.depends('channel', 'warehouse', 'price_list')
    def on_change_channel(self):
        if self.channel:
            if self.channel.warehouse:
                self.warehouse = self.channel.warehouse
            if self.channel.price_list:
                self.price_list = self.channel.price_list

    @classmethod
    def confirm(cls, sales):
        for sale in sales:
            sale.check_channel_accounts()
        super().confirm(sales)

    def check_channel_accounts(self):
        if self.channel and self.channel.is_platform:
            self.channel.get_account('receivable_account')

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['retail.channel.order']

    def add_rounding_line(self, total):
        """Add a line of the cents that prices without VAT lose, so that
        the sale's total is what the platform owes"""
        pool = Pool()
        Line = pool.get('sale.line')
        difference = total - self.__class__(self.id).total_amount
        if difference:
            Line(sale=self, type='line', quantity=1, unit_price=difference,
                description=gettext('retail_cloud.msg_channel_rounding'),
                analytic_accounts=channel_analytic_entries(self.channel),
                ).save()

    def _get_invoice(self):
        invoice = super()._get_invoice()
        invoice.store = self.store
        invoice.channel = self.channel
        if self.channel and self.channel.is_platform:
            # The platform collects from the buyer and owes the chain
            invoice.account = self.channel.get_account('receivable_account')
        return invoice


class Invoice(StoreChannelMixin, metaclass=PoolMeta):
    __name__ = 'account.invoice'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._set_store_readonly(Eval('state') != 'draft')

    @dualmethod
    def print_invoice(cls, invoices):
        # Posting queues the rendering of a copy of each customer invoice.
        # A marketplace order's invoice is the chain's claim on the
        # platform, read in the books and seldom printed: rendering it took
        # longer than taking the order.  The copy is rendered and kept the
        # first time someone prints it.
        super().print_invoice([i for i in invoices
                if not (i.channel and i.channel.is_platform)])
