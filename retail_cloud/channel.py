# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from collections import defaultdict

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields)
from trytond.pool import Pool
from trytond.pyson import Eval

from .exceptions import ChannelAccountError
from .store import CodeMixin

CHANNEL_TYPES = [
    ('store', "Store POS"),
    ('online_shop', "Own Online Shop"),
    ('tmall', "Tmall / Taobao"),
    ('jd', "JD"),
    ('douyin', "Douyin"),
    ('wechat', "WeChat Mini-Shop"),
    ('marketplace', "Other Marketplace"),
    ]
# Channels whose buyers pay the platform, which pays the chain later
PLATFORM_TYPES = {'tmall', 'jd', 'douyin', 'wechat', 'marketplace'}


class Channel(CodeMixin, DeactivableMixin, ModelSQL, ModelView):
    "Sales Channel"
    __name__ = 'retail.channel'
    _code_unique_message = 'retail_cloud.msg_channel_code_unique'

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True, translate=True)
    company = fields.Many2One('company.company', "Company", required=True)
    type = fields.Selection(CHANNEL_TYPES, "Type", required=True, sort=False)
    platform_shop_id = fields.Char(
        "Platform Shop ID",
        states={'invisible': ~Eval('type').in_(list(PLATFORM_TYPES))},
        help="The shop's identifier on the platform.")
    warehouse = fields.Many2One(
        'stock.location', "Fulfilment Warehouse",
        domain=[('type', '=', 'warehouse')])
    price_list = fields.Many2One(
        'product.price_list', "Price List",
        domain=[('company', '=', Eval('company', -1))])
    receivable_account = fields.Many2One(
        'account.account', "Receivable Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type.receivable', '=', True),
            ('closed', '!=', True),
            ],
        help="The account of what the platform owes until it settles.")
    commission_rate = fields.Numeric(
        "Commission Rate", digits=(1, 4),
        domain=['OR',
            ('commission_rate', '=', None),
            [('commission_rate', '>=', 0), ('commission_rate', '<', 1)],
            ],
        help="The platform's commission as a fraction of the order amount.")
    commission_account = fields.Many2One(
        'account.account', "Commission Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type.expense', '=', True),
            ('closed', '!=', True),
            ])
    party = fields.Many2One(
        'party.party', "Platform Party",
        states={'invisible': ~Eval('type').in_(list(PLATFORM_TYPES))},
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The platform the channel's orders are invoiced to.")
    invoice_to = fields.Selection([
            ('platform', "Platform"),
            ('buyer', "Buyer"),
            ], "Invoice To", required=True, sort=False,
        states={'invisible': Eval('type') == 'store'},
        help="Whom the channel's orders are invoiced to: the platform, or "
        "each buyer (a party of their platform account) while the money "
        "is still owed by the platform.")
    freight_product = fields.Many2One(
        'product.product', "Freight Product",
        domain=[('type', '=', 'service')],
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The service that bills the freight the buyers pay.")
    settlement_account = fields.Many2One(
        'account.account', "Settlement Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type.receivable', '!=', True),
            ('closed', '!=', True),
            ],
        help="The balance the platform pays out into (1012 sub-account).")
    fee_account = fields.Many2One(
        'account.account', "Fee Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type.expense', '=', True),
            ('closed', '!=', True),
            ],
        help="The expense of the platform's other fees.")
    analytic_account = fields.Many2One(
        'analytic_account.account', "Analytic Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type', '=', 'normal'),
            ])

    @classmethod
    def default_type(cls):
        return 'store'

    @classmethod
    def default_invoice_to(cls):
        return 'platform'

    @property
    def is_platform(self):
        return self.type in PLATFORM_TYPES

    def get_account(self, name):
        "Return the channel's account for name or raise naming what misses"
        account = getattr(self, name)
        if not account:
            raise ChannelAccountError(gettext(
                    'retail_cloud.msg_channel_missing_account',
                    channel=self.rec_name,
                    account=self.__names__(name)['field']))
        return account


class ChannelBuyer(ModelSQL):
    "Channel Buyer"
    __name__ = 'retail.channel.buyer'

    channel = fields.Many2One(
        'retail.channel', "Channel", required=True, ondelete='CASCADE')
    buyer = fields.Char(
        "Buyer", required=True,
        help="The buyer's account or nickname on the platform.")
    party = fields.Many2One(
        'party.party', "Party", required=True, ondelete='CASCADE',
        help="The party the buyer's orders are invoiced to.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('channel_buyer_unique', Unique(t, t.channel, t.buyer),
                'retail_cloud.msg_channel_buyer_unique'),
            ]

    @classmethod
    def parties(cls, pairs):
        """Return {(channel, buyer): party} for the pairs, creating a party
        for each buyer new to its channel"""
        pool = Pool()
        Party = pool.get('party.party')
        Address = pool.get('party.address')
        by_channel = defaultdict(set)
        for channel, buyer in pairs:
            by_channel[channel].add(buyer)
        parties = {}
        for channel, buyers in by_channel.items():
            for record in cls.search([
                        ('channel', '=', channel.id),
                        ('buyer', 'in', list(buyers)),
                        ]):
                parties[channel, record.buyer] = record.party
        new = [cls(channel=c, buyer=b,
                party=Party(name=b, addresses=[Address()]))
            for c, b in sorted(set(pairs) - parties.keys(),
                key=lambda p: (p[0].id, p[1]))]
        Party.save([r.party for r in new])
        cls.save(new)
        parties.update({(r.channel, r.buyer): r.party for r in new})
        return parties
