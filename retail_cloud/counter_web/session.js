/* This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
   this repository contains the full copyright notices and license terms.

   The till's cash session (交班): the screen shows the session open at the
   till, opens the next one on the cash the last one left in the drawer and
   closes it on the cash counted, showing the cash expected and the variance
   before the cashier confirms; the server books the variance.
   Uses counter.js. */
'use strict';

Object.assign(T, {
    openedAt: '开班时间 {time}',
    sessionNone: '当前没有开班（首笔现金收款时自动开班）',
    float: '备用金',
    expected: '应有现金',
    counted: '实点现金',
    variance: '差额',
    openSession: '开班',
    closeSession: '确认交班',
    confirmClose: '实点 {counted}，应有 {expected}，差额 {variance}。确认交班吗？',
    takings: '{method}收款',
    sessionClosed: '已交班：实点 {counted}，应有 {expected}，'
        + '差额 {variance} 已记入现金差异，待店长过账。',
});

const cashSession = {
    current: null,  // the open session as the server gives it, or null
};

async function openSessionDialog() {
    $('session-result').hidden = true;
    $('session-error').textContent = '';
    $('session-dialog').hidden = false;
    closeResults();
    await sessionCall('counter_session');
}

function closeSessionDialog() {
    $('session-dialog').hidden = true;
    focusScan();
}

// Call the server about the till's session and show the answer
async function sessionCall(method, ...params) {
    $('session-error').textContent = '';
    try {
        const session = await rpc.model('sale.point.cash.session', method,
            state.point.id, ...params);
        renderSession(session);
        return session;
    } catch (error) {
        $('session-error').textContent = error instanceof NetworkError ?
            t('offline') : error.message;
        if (error instanceof SessionError) {
            signOut();
        }
    }
}

function renderSession(session) {
    const open = session.state === 'open';
    cashSession.current = open ? session : null;
    $('session-name').textContent = open ? t('openedAt',
        {time: session.opened.toLocaleString('zh-CN', {hour12: false})})
        : t('sessionNone');
    $('session-closed').hidden = open;
    $('session-open-box').hidden = !open;
    if (!open) {
        $('session-float').textContent = money(toUnits(
            session.start_amount, 2));
        return;
    }
    $('session-start').textContent = money(toUnits(session.start_amount, 2));
    const body = $('session-takings');
    body.replaceChildren();
    for (const taking of session.takings) {
        body.append(pair(t('takings', {method: taking.method}),
            money(toUnits(taking.amount, 2))));
    }
    $('session-expected').textContent = money(toUnits(session.expected, 2));
    $('session-counted').value = '';
    renderVariance();
    $('session-counted').focus();
}

function countedCents() {
    const text = $('session-counted').value;
    return text === '' ? null : toUnits(text, 2);
}

function renderVariance() {
    const counted = countedCents();
    $('session-variance').textContent = counted === null ? '—'
        : money(counted - toUnits(cashSession.current.expected, 2));
    $('session-close').disabled = counted === null;
}

async function openCashSession() {
    await sessionCall('counter_open');
}

async function closeCashSession() {
    const counted = countedCents();
    const expected = toUnits(cashSession.current.expected, 2);
    if (counted === null || !confirm(t('confirmClose', {
            counted: money(counted), expected: money(expected),
            variance: money(counted - expected)}))) {
        return;
    }
    const closed = await sessionCall('counter_close', decimal(counted));
    if (closed) {
        $('session-result').textContent = t('sessionClosed', {
            counted: money(toUnits(closed.end_amount, 2)),
            expected: money(toUnits(closed.expected, 2)),
            variance: money(toUnits(closed.variance, 2)),
        });
        $('session-result').hidden = false;
        renderSession({state: 'closed', start_amount: closed.end_amount});
    }
}

Object.assign(ACTIONS, {
    'open-session': openSessionDialog,
    'close-session-dialog': closeSessionDialog,
    'open-cash-session': openCashSession,
    'close-cash-session': closeCashSession,
});

document.addEventListener('DOMContentLoaded', () => {
    $('session-counted').addEventListener('input', renderVariance);
});
