# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The cashier's screen (收银台), served by the Tryton server itself: static
pages that talk to the server over JSON-RPC as any Tryton client does."""
import urllib.parse
from pathlib import Path

from werkzeug.utils import redirect, send_from_directory

from trytond.pool import PoolMeta
from trytond.protocols.wrappers import with_pool
from trytond.transaction import Transaction
from trytond.wsgi import app

STATIC = Path(__file__).parent / 'counter_web'
# An action URL starting with it opens under the client's database
DATABASE_PLACEHOLDER = '{database}'


@app.route('/<database_name>/retail/counter')
@with_pool
def counter_root(request, pool):
    # Relative links of the page resolve under the trailing slash
    return redirect(request.path + '/')


@app.route('/<database_name>/retail/counter/',
    defaults={'path': 'index.html'})
@app.route('/<database_name>/retail/counter/<path:path>')
@with_pool
def counter_file(request, pool, path):
    "Serve the screen's files; the page signs in on its own"
    response = send_from_directory(STATIC, path, request.environ)
    # A cashier gets the new screen at the next load after an upgrade
    response.headers['Cache-Control'] = 'no-cache'
    return response


class Action(metaclass=PoolMeta):
    __name__ = 'ir.action'

    @classmethod
    def get_action_values(cls, type_, action_ids, columns=None):
        actions = super().get_action_values(type_, action_ids, columns)
        if type_ == 'ir.action.url':
            database = urllib.parse.quote(
                Transaction().database.name, safe='')
            for values in actions:
                url = values.get('url') or ''
                if url.startswith(DATABASE_PLACEHOLDER):
                    values['url'] = (
                        database + url[len(DATABASE_PLACEHOLDER):])
        return actions
