# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Channel settlements: the platform's payout report moves what it owes
from the channel's receivable into its balance account, books the
commission it kept beyond the accrual and its fees, and reconciles each
order's receivable."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.rpc import RPC

from .channel_import import ImportRefused, RowError, read_settlements
from .channel_order import (
    ChannelDocumentMixin, OrderCurrencyMixin, naive_utc)
from .channel_order_import import refusal

ZERO = Decimal(0)


class ChannelSettlement(ChannelDocumentMixin, Workflow, ModelSQL, ModelView):
    "Channel Settlement"
    __name__ = 'retail.channel.settlement'

    reference = fields.Char("Reference", readonly=True,
        help="The payout report it came from.")
    date = fields.Date("Date", required=True, readonly=True)
    lines = fields.One2Many(
        'retail.channel.settlement.line', 'settlement', "Lines",
        readonly=True)
    amount = fields.Function(Monetary(
            "Paid Out", currency='currency', digits='currency'),
        'get_total')
    commission = fields.Function(Monetary(
            "Commission", currency='currency', digits='currency'),
        'get_total')
    fees = fields.Function(Monetary(
            "Fees", currency='currency', digits='currency'),
        'get_total')
    move = fields.Many2One('account.move', "Move", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('posted', "Posted"),
            ], "State", readonly=True, required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {('draft', 'posted')}
        cls._buttons.update({
                'post': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                })
        cls.__rpc__['import_files'] = RPC(readonly=False)

    @classmethod
    def default_state(cls):
        return 'draft'

    def get_total(self, name):
        return sum((getattr(l, name) for l in self.lines), ZERO)

    @classmethod
    def import_files(cls, channel_id, files):
        """Take the payout report files [(name, bytes)] of the channel and
        post them; return the settlement's id"""
        pool = Pool()
        Channel = pool.get('retail.channel')
        channel = Channel(channel_id)
        try:
            rows = read_settlements(channel.type, files)
            settlement = cls.take(
                channel, rows, ', '.join(n for n, _ in files))
        except ImportRefused as refused:
            raise refusal(refused) from refused
        cls.post([settlement])
        return settlement.id

    @classmethod
    def take(cls, channel, rows, reference):
        "A settlement of the rows, refused whole if an order is unknown"
        pool = Pool()
        Order = pool.get('retail.channel.order')
        Line = pool.get('retail.channel.settlement.line')
        orders = {o.number: o for o in Order.search([
                    ('channel', '=', channel.id),
                    ('number', 'in', [r.order_number for r in rows]),
                    ])}
        errors = [RowError(r.file, r.row, '订单号', 'unknown_order',
                {'value': r.order_number})
            for r in rows if r.order_number not in orders]
        if errors:
            raise ImportRefused(errors)
        dates = [r.settle_time for r in rows if r.settle_time]
        settlement = cls(channel=channel, reference=reference)
        settlement.date = (orders[rows[0].order_number].local_date(
                naive_utc(max(dates))) if dates else None)
        if not settlement.date:
            settlement.date = pool.get('ir.date').today()
        settlement.lines = [Line(
                order=orders[r.order_number], amount=r.amount,
                commission=r.commission, fees=r.fees) for r in rows]
        settlement.save()
        return settlement

    @classmethod
    @ModelView.button
    @Workflow.transition('posted')
    def post(cls, settlements):
        pool = Pool()
        Move = pool.get('account.move')
        Order = pool.get('retail.channel.order')
        for settlement in settlements:
            settlement.move = settlement.get_move()
        Move.save([s.move for s in settlements])
        Move.post([s.move for s in settlements])
        cls.save(settlements)
        Order.reconcile_receivables(
            [l.order for s in settlements for l in s.lines])

    def get_move(self):
        channel = self.channel
        order = self.lines[0].order
        receivable = channel.get_account('receivable_account')
        postings = [
            (channel.get_account('settlement_account'), self.amount, None),
            ]
        if self.fees:
            postings.append(
                (channel.get_account('fee_account'), self.fees, None))
        beyond = sum((l.commission_beyond_accrued for l in self.lines), ZERO)
        if beyond:
            postings.append(
                (channel.get_account('commission_account'), beyond, None))
        postings.extend(
            (receivable, -l.cleared, l.order.invoice_party)
            for l in self.lines)
        move = order.channel_move(self.date, postings,
            description=gettext(
                'retail_cloud.msg_channel_settlement_move',
                reference=self.reference or ''))
        move.origin = self
        for line, settlement_line in zip(
                move.lines[-len(self.lines):], self.lines):
            line.origin = settlement_line.order
        return move


class ChannelSettlementLine(OrderCurrencyMixin, ModelSQL, ModelView):
    "Channel Settlement Line"
    __name__ = 'retail.channel.settlement.line'

    settlement = fields.Many2One(
        'retail.channel.settlement', "Settlement", required=True,
        ondelete='CASCADE')
    order = fields.Many2One(
        'retail.channel.order', "Order", required=True, ondelete='RESTRICT')
    amount = Monetary(
        "Paid Out", currency='currency', digits='currency', required=True)
    commission = Monetary(
        "Commission", currency='currency', digits='currency', required=True)
    fees = Monetary(
        "Fees", currency='currency', digits='currency', required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('settlement')

    @property
    def commission_beyond_accrued(self):
        return self.commission - self.order.accrued_commission

    @property
    def cleared(self):
        "What the line clears of the order's receivable"
        return self.amount + self.fees + self.commission_beyond_accrued


class ChannelOrder(metaclass=PoolMeta):
    __name__ = 'retail.channel.order'

    settlement_lines = fields.One2Many(
        'retail.channel.settlement.line', 'order', "Settlements",
        readonly=True)

    @property
    def accrued_commission(self):
        "The commission booked on the order and not reversed"
        move = self.commission_move
        if not move:
            return ZERO
        return sum((l.debit - l.credit for l in move.lines
                if l.account == self.channel.commission_account), ZERO)

    def receivable_lines(self):
        "The order's move lines on the channel's receivable"
        pool = Pool()
        Invoice = pool.get('account.invoice')
        MoveLine = pool.get('account.move.line')
        account = self.channel.receivable_account
        invoices = Invoice.search([
                ('channel', '=', self.channel.id),
                ('reference', '=', self.number),
                ('state', 'in', ['posted', 'paid']),
                ])
        lines = [l for i in invoices for l in i.lines_to_pay]
        lines += MoveLine.search([
                ('account', '=', account.id),
                ['OR',
                    ('origin', '=', str(self)),
                    ('move.origin', '=', str(self)),
                    ],
                ('move.state', '=', 'posted'),
                ])
        return list(set(lines))

    @classmethod
    def reconcile_receivables(cls, orders):
        "Reconcile the receivable lines of each order that net to zero"
        pool = Pool()
        MoveLine = pool.get('account.move.line')
        for order in set(orders):
            lines = [l for l in order.receivable_lines()
                if not l.reconciliation]
            if lines and not sum(l.debit - l.credit for l in lines):
                MoveLine.reconcile(lines)


class Move(metaclass=PoolMeta):
    __name__ = 'account.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + [
            'retail.channel.order', 'retail.channel.settlement']


class MoveLine(metaclass=PoolMeta):
    __name__ = 'account.move.line'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['retail.channel.order']
