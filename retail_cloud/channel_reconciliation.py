# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Channel reconciliation: orders, invoices, revenue in the ledger and
settlements of a channel over a period, every difference named; and the
check that the books hold together."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sql.aggregate import Sum

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.rpc import RPC
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

ZERO = Decimal(0)


class ChannelOrder(metaclass=PoolMeta):
    __name__ = 'retail.channel.order'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__['reconcile_channel'] = RPC()
        cls.__rpc__['check_books'] = RPC()

    @classmethod
    def reconcile_channel(cls, channel_id, start, end):
        """Return the channel's figures over the days from start to end
        and the differences between them, each as a sentence"""
        orders = cls.search([
                ('channel', '=', channel_id),
                ('order_time', '>=', dt.datetime.combine(
                        start, dt.time.min) - dt.timedelta(days=1)),
                ('order_time', '<', dt.datetime.combine(
                        end, dt.time.min) + dt.timedelta(days=2)),
                ])
        orders = [o for o in orders
            if start <= o.local_date(o.order_time) <= end]
        report = defaultdict(Decimal)
        differences = []
        for order in orders:
            figures = order.reconciliation_figures()
            for key, value in figures.items():
                report[key] += value
            differences.extend(order.reconciliation_differences(figures))
        report = dict(report, orders=len(orders))
        report['differences'] = differences
        return report

    def reconciliation_figures(self):
        invoices = self.channel_invoices()
        settled = sum((l.cleared for l in self.settlement_lines
                if l.settlement.state == 'posted'), ZERO)
        sold = self.receivable if self.sale else ZERO
        return {
            'ordered': self.receivable,
            'refunded': self.refund_amount,
            'sold': sold,
            'invoiced': sum((i.total_amount for i in invoices), ZERO),
            'revenue_invoiced': sum(
                (i.untaxed_amount for i in invoices), ZERO),
            'revenue_ledger': sum(
                (revenue_in_ledger(i) for i in invoices), ZERO),
            'commission': self.accrued_commission,
            'settled': settled,
            'outstanding': sum((l.debit - l.credit
                    for l in self.receivable_lines()), ZERO),
            }

    def reconciliation_differences(self, figures):
        due = figures['sold'] - self.credited_due()
        checks = [
            ('msg_channel_difference_invoiced', due, figures['invoiced']),
            ('msg_channel_difference_ledger', figures['revenue_invoiced'],
                figures['revenue_ledger']),
            ]
        if self.settlement_lines:
            checks.append(('msg_channel_difference_settled', ZERO,
                    figures['outstanding']))
        return [gettext('retail_cloud.' + message, order=self.number,
                expected=expected, actual=actual)
            for message, expected, actual in checks if expected != actual]

    def credited_due(self):
        "What the platform refunded, as the credit notes should say"
        if self.state == 'cancelled' and self.sale:
            return self.receivable
        return self.refund_amount

    def channel_invoices(self):
        pool = Pool()
        Invoice = pool.get('account.invoice')
        return Invoice.search([
                ('channel', '=', self.channel.id),
                ('reference', '=', self.number),
                ('state', 'in', ['posted', 'paid', 'cancelled']),
                ('move', '!=', None),
                ])

    @classmethod
    def check_books(cls, company_id=None):
        """Return what is wrong in the company's books: unbalanced moves,
        stock valuation apart from the stock accounts"""
        company_id = company_id or Transaction().context.get('company')
        return unbalanced_moves(company_id) + stock_differences(company_id)


def revenue_in_ledger(invoice):
    "The invoice's revenue as its move booked it"
    if not invoice.move:
        return ZERO
    return sum((l.credit - l.debit for l in invoice.move.lines
            if l.account.type and l.account.type.revenue), ZERO)


def unbalanced_moves(company_id):
    "The posted moves whose lines do not sum to zero, summed by the database"
    pool = Pool()
    Move = pool.get('account.move')
    Line = pool.get('account.move.line')
    Company = pool.get('company.company')
    currency = Company(company_id).currency
    move, line = Move.__table__(), Line.__table__()
    cursor = Transaction().connection.cursor()
    cursor.execute(*line.join(move, condition=line.move == move.id).select(
            move.id, Sum(line.debit - line.credit),
            where=(move.company == company_id) & (move.state == 'posted'),
            group_by=move.id))
    # SQLite sums numerics as floats: compare at the currency's cents
    differences = {move_id: currency.round(Decimal(str(total or 0)))
        for move_id, total in cursor}
    return [gettext('retail_cloud.msg_books_unbalanced_move',
            move=move.rec_name, difference=differences[move.id])
        for move in Move.browse([m for m, d in differences.items() if d])]


def stock_differences(company_id):
    """Compare, per stock account, what the goods in the warehouses cost
    with the account's balance"""
    pool = Pool()
    Account = pool.get('account.account')
    Location = pool.get('stock.location')
    Product = pool.get('product.product')
    Date = pool.get('ir.date')
    Company = pool.get('company.company')
    Category = pool.get('product.category')
    currency = Company(company_id).currency
    warehouses = Location.search([('type', '=', 'warehouse')])
    # Today in the company's time zone, as its moves were dated
    with Transaction().set_context(company=company_id):
        today = Date.today()
    with Transaction().set_context(
            company=company_id, stock_date_end=today):
        quantities = Product.products_by_location(
            [w.id for w in warehouses], with_childs=True)
        totals = defaultdict(float)
        for (_, product_id), quantity in quantities.items():
            totals[product_id] += quantity
        values = defaultdict(Decimal)
        for product in Product.browse(list(totals)):
            quantity = totals[product.id]
            if quantity and product.type == 'goods':
                account = product.account_stock_used
                values[account] += Decimal(str(quantity)) * product.cost_price
        categories = Category.search([('accounting', '=', True)])
        accounts = Account.browse(
            {c.account_stock for c in categories if c.account_stock})
    problems = []
    for account in set(accounts) | set(values):
        value = currency.round(values.get(account, ZERO))
        if value != account.balance:
            problems.append(gettext('retail_cloud.msg_books_stock_value',
                    account=account.rec_name, value=value,
                    balance=account.balance))
    return problems


class ReconcileStart(ModelView):
    "Reconcile Channel"
    __name__ = 'retail.channel.reconcile.start'

    channel = fields.Many2One(
        'retail.channel', "Channel", required=True,
        domain=[('type', '!=', 'store')])
    start_date = fields.Date("Start Date", required=True)
    end_date = fields.Date("End Date", required=True)

    @classmethod
    def default_end_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_start_date(cls):
        return Pool().get('ir.date').today().replace(day=1)


class ReconcileResult(ModelView):
    "Channel Reconciliation"
    __name__ = 'retail.channel.reconcile.result'

    report = fields.Text("Report", readonly=True)


class Reconcile(Wizard):
    "Reconcile Channel"
    __name__ = 'retail.channel.reconcile'

    start = StateView('retail.channel.reconcile.start',
        'retail_cloud.channel_reconcile_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Reconcile", 'reconcile', 'tryton-ok', default=True),
            ])
    reconcile = StateTransition()
    result = StateView('retail.channel.reconcile.result',
        'retail_cloud.channel_reconcile_result_view_form', [
            Button("Close", 'end', 'tryton-close', default=True),
            ])

    def transition_reconcile(self):
        return 'result'

    def default_result(self, fields):
        pool = Pool()
        Order = pool.get('retail.channel.order')
        report = Order.reconcile_channel(
            self.start.channel.id, self.start.start_date,
            self.start.end_date)
        problems = Order.check_books(self.start.channel.company.id)
        return {'report': render_report(report, problems)}


FIGURES = [
    'orders', 'ordered', 'refunded', 'sold', 'invoiced', 'revenue_invoiced',
    'revenue_ledger', 'commission', 'settled', 'outstanding']


def render_report(report, problems):
    lines = [gettext('retail_cloud.msg_channel_reconcile_' + key)
        + ': ' + str(report[key]) for key in FIGURES]
    differences = report['differences'] + problems
    lines.append('')
    lines.extend(differences or [
            gettext('retail_cloud.msg_channel_reconcile_no_difference')])
    return '\n'.join(lines)
