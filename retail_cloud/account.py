# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelView, dualmethod
from trytond.pool import PoolMeta


class Move(metaclass=PoolMeta):
    __name__ = 'account.move'

    @dualmethod
    @ModelView.button
    def post(cls, moves):
        # Stock posts the account moves of every move it does, and a till's
        # goods have none: analytic_account would still search its rules
        # and its roots, each sale
        if moves:
            super().post(moves)
