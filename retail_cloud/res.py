# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    store = fields.Many2One(
        'retail.store', "Store",
        domain=[('company', 'in', Eval('companies', []))],
        help="The store the user works in: "
        "the default of the sales they record.")
    pos_discount_limit = fields.Numeric(
        "POS Discount Limit", digits=(1, 4),
        domain=['OR',
            ('pos_discount_limit', '=', None),
            [
                ('pos_discount_limit', '>=', 0),
                ('pos_discount_limit', '<=', 1),
                ]],
        help="The largest line discount the user may give at the counter, "
        "as a fraction (0.1 is 10%); above it, a user of the store whose "
        "limit covers it must approve.\n"
        "Leave empty for no limit.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._context_fields.insert(0, 'store')

    @classmethod
    def default_pos_discount_limit(cls):
        # A new user is a cashier until told otherwise
        return Decimal('0.1')

    def pos_discount_allowed(self, discount):
        "Tell if the user may give the discount at the counter"
        return (self.pos_discount_limit is None
            or discount <= self.pos_discount_limit)


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    # Rules may use "stores": the ids of the current user's store

    @classmethod
    def _get_cache_key(cls, model_names):
        return (*super()._get_cache_key(model_names), cls._user_stores())

    @classmethod
    def _get_context(cls, model_name):
        context = super()._get_context(model_name)
        context['stores'] = cls._user_stores()
        return context

    @classmethod
    def _user_stores(cls):
        pool = Pool()
        User = pool.get('res.user')
        user = User(Transaction().user)
        return [user.store.id] if user.store else []
