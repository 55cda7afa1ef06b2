/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "sip-transaction.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSipTransaction");

NS_OBJECT_ENSURE_REGISTERED(SipClientTransaction);
NS_OBJECT_ENSURE_REGISTERED(SipServerTransaction);

namespace
{
/// Timer D: how long a UDP INVITE client transaction re-acknowledges (RFC 3261 17.1.1.2).
const Time TIMER_D = Seconds(32);
} // namespace

// ---------------------------------------------------------------------------
// SipClientTransaction

TypeId
SipClientTransaction::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SipClientTransaction")
                            .SetParent<Object>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<SipClientTransaction>();
    return tid;
}

SipClientTransaction::SipClientTransaction()
{
    NS_LOG_FUNCTION(this);
}

SipClientTransaction::~SipClientTransaction()
{
    NS_LOG_FUNCTION(this);
}

void
SipClientTransaction::DoDispose()
{
    NS_LOG_FUNCTION(this);
    CancelTimers();
    m_state = TERMINATED;
    m_send = SipSendCallback();
    m_onResponse = ResponseCallback();
    m_onTimeout = TimeoutCallback();
    Object::DoDispose();
}

void
SipClientTransaction::Setup(const SipMessage& request,
                            IpAddress destination,
                            uint16_t port,
                            const SipTimers& timers,
                            SipSendCallback send)
{
    NS_LOG_FUNCTION(this << request.GetLabel() << destination << port);
    m_request = request;
    m_destination = destination;
    m_port = port;
    m_timers = timers;
    m_send = send;
    m_invite = request.GetMethod() == "INVITE";
    m_state = m_invite ? CALLING : TRYING;
}

void
SipClientTransaction::SetResponseCallback(ResponseCallback callback)
{
    m_onResponse = callback;
}

void
SipClientTransaction::SetTimeoutCallback(TimeoutCallback callback)
{
    m_onTimeout = callback;
}

void
SipClientTransaction::Start()
{
    NS_LOG_FUNCTION(this);
    if (!m_request.IsRequest() || m_request.GetMethod() == "ACK")
    {
        NS_LOG_WARN("a client transaction needs a request other than ACK");
        m_state = TERMINATED;
        return;
    }
    m_interval = m_timers.t1;
    Transmit(false);
    m_retransmitEvent =
        Simulator::Schedule(m_interval, &SipClientTransaction::RetransmitTimerExpired, this);
    m_timeoutEvent =
        Simulator::Schedule(64 * m_timers.t1, &SipClientTransaction::TimeoutTimerExpired, this);
}

void
SipClientTransaction::Transmit(bool retransmission)
{
    ++m_transmissions;
    NS_LOG_LOGIC((retransmission ? "retransmitting " : "sending ")
                 << m_request.GetLabel() << " (" << m_transmissions << ") to " << m_destination
                 << ":" << m_port);
    if (!m_send.IsNull())
    {
        m_send(m_request, m_destination, m_port, retransmission);
    }
}

void
SipClientTransaction::RetransmitTimerExpired()
{
    NS_LOG_FUNCTION(this << GetStateName(m_state));
    if (m_state != CALLING && m_state != TRYING && m_state != PROCEEDING)
    {
        return;
    }
    Transmit(true);
    if (m_invite)
    {
        m_interval = 2 * m_interval; // Timer A doubles without a cap
    }
    else if (m_state == PROCEEDING)
    {
        m_interval = m_timers.t2; // 17.1.2.2: every T2 once a provisional response arrived
    }
    else
    {
        m_interval = std::min(2 * m_interval, m_timers.t2); // Timer E
    }
    m_retransmitEvent =
        Simulator::Schedule(m_interval, &SipClientTransaction::RetransmitTimerExpired, this);
}

void
SipClientTransaction::TimeoutTimerExpired()
{
    NS_LOG_FUNCTION(this);
    if (m_state == TERMINATED || m_state == COMPLETED || m_state == ACCEPTED)
    {
        return;
    }
    NS_LOG_INFO("Timer " << (m_invite ? "B" : "F") << " expired: " << m_request.GetLabel()
                         << " (branch " << GetBranch() << ") sent " << m_transmissions
                         << " times without a final response");
    CancelTimers();
    m_state = TERMINATED;
    Ptr<SipClientTransaction> self = this; // the callback may drop the owner's reference
    if (!m_onTimeout.IsNull())
    {
        m_onTimeout(self);
    }
}

bool
SipClientTransaction::Matches(const SipMessage& response) const
{
    if (!response.IsResponse())
    {
        return false;
    }
    return response.GetTopViaBranch() == GetBranch() &&
           response.GetCSeqMethod() == m_request.GetCSeqMethod();
}

void
SipClientTransaction::ReceiveResponse(const SipMessage& response)
{
    NS_LOG_FUNCTION(this << response.GetLabel() << GetStateName(m_state));
    int status = response.GetStatusCode();
    Ptr<SipClientTransaction> self = this;
    bool report = false;
    switch (m_state)
    {
    case CALLING:
    case TRYING:
    case PROCEEDING:
        if (status < 200)
        {
            if (m_invite)
            {
                // 17.1.1.2: no more retransmissions once a provisional response arrived.
                m_retransmitEvent.Cancel();
                m_timeoutEvent.Cancel();
            }
            // Non-INVITE: Timer E continues, at T2 from its next expiry on.
            m_state = PROCEEDING;
            report = true;
            break;
        }
        m_finalStatus = status;
        m_retransmitEvent.Cancel();
        m_timeoutEvent.Cancel();
        report = true;
        if (m_invite && status < 300)
        {
            m_state = ACCEPTED; // RFC 6026 Timer M
            m_finishEvent =
                Simulator::Schedule(64 * m_timers.t1, &SipClientTransaction::Terminate, this);
        }
        else if (m_invite)
        {
            m_state = COMPLETED;
            SendAck(response);
            m_finishEvent = Simulator::Schedule(TIMER_D, &SipClientTransaction::Terminate, this);
        }
        else
        {
            m_state = COMPLETED;
            m_finishEvent =
                Simulator::Schedule(m_timers.t4, &SipClientTransaction::Terminate, this);
        }
        break;
    case ACCEPTED:
        // RFC 6026: retransmitted 2xx go to the transaction user, which re-sends its ACK.
        report = status >= 200 && status < 300;
        break;
    case COMPLETED:
        if (m_invite && m_ack.IsValid() && !m_send.IsNull())
        {
            m_send(m_ack, m_destination, m_port, true);
        }
        NS_LOG_LOGIC("absorbed a retransmitted " << response.GetLabel());
        break;
    case TERMINATED:
        break;
    }
    if (report && !m_onResponse.IsNull())
    {
        m_onResponse(self, response);
    }
}

void
SipClientTransaction::SendAck(const SipMessage& response)
{
    // 17.1.1.3: same Request-URI, Call-ID, From, top Via and CSeq number as
    // the INVITE; To from the response.
    SipMessage ack = SipMessage::CreateRequest("ACK", m_request.GetRequestUri());
    ack.PushVia(m_request.GetTopViaHost(), m_request.GetTopViaPort(), GetBranch());
    ack.SetFrom(m_request.GetFromUri(), m_request.GetFromTag());
    ack.SetTo(response.GetToUri(), response.GetToTag());
    ack.SetCallId(m_request.GetCallId());
    ack.SetCSeq(m_request.GetCSeqNumber(), "ACK");
    m_ack = ack;
    if (!m_send.IsNull())
    {
        m_send(m_ack, m_destination, m_port, false);
    }
}

void
SipClientTransaction::Terminate()
{
    NS_LOG_FUNCTION(this);
    CancelTimers();
    m_state = TERMINATED;
}

void
SipClientTransaction::CancelTimers()
{
    m_retransmitEvent.Cancel();
    m_timeoutEvent.Cancel();
    m_finishEvent.Cancel();
}

SipClientTransaction::State
SipClientTransaction::GetState() const
{
    return m_state;
}

const SipMessage&
SipClientTransaction::GetRequest() const
{
    return m_request;
}

std::string
SipClientTransaction::GetBranch() const
{
    return m_request.GetTopViaBranch();
}

uint32_t
SipClientTransaction::GetTransmissions() const
{
    return m_transmissions;
}

int
SipClientTransaction::GetFinalStatus() const
{
    return m_finalStatus;
}

const char*
SipClientTransaction::GetStateName(State state)
{
    switch (state)
    {
    case CALLING:
        return "Calling";
    case TRYING:
        return "Trying";
    case PROCEEDING:
        return "Proceeding";
    case COMPLETED:
        return "Completed";
    case ACCEPTED:
        return "Accepted";
    case TERMINATED:
        return "Terminated";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// SipServerTransaction

TypeId
SipServerTransaction::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SipServerTransaction")
                            .SetParent<Object>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<SipServerTransaction>();
    return tid;
}

SipServerTransaction::SipServerTransaction()
{
    NS_LOG_FUNCTION(this);
}

SipServerTransaction::~SipServerTransaction()
{
    NS_LOG_FUNCTION(this);
}

void
SipServerTransaction::DoDispose()
{
    NS_LOG_FUNCTION(this);
    CancelTimers();
    m_state = TERMINATED;
    m_send = SipSendCallback();
    m_onFinished = TerminatedCallback();
    Object::DoDispose();
}

std::string
SipServerTransaction::GetKey(const SipMessage& request)
{
    std::string method = request.GetMethod();
    if (method == "ACK")
    {
        method = "INVITE";
    }
    return request.GetTopViaBranch() + "|" + request.GetTopViaHost() + ":" +
           std::to_string(request.GetTopViaPort()) + "|" + method;
}

void
SipServerTransaction::Setup(const SipMessage& request,
                            IpAddress source,
                            uint16_t sourcePort,
                            const SipTimers& timers,
                            SipSendCallback send)
{
    NS_LOG_FUNCTION(this << request.GetLabel() << source << sourcePort);
    m_request = request;
    m_key = GetKey(request);
    m_source = source;
    m_sourcePort = sourcePort;
    m_timers = timers;
    m_send = send;
    m_invite = request.GetMethod() == "INVITE";
    m_state = TRYING;
}

void
SipServerTransaction::SetTerminatedCallback(TerminatedCallback callback)
{
    m_onFinished = callback;
}

void
SipServerTransaction::Respond(const SipMessage& response)
{
    NS_LOG_FUNCTION(this << response.GetLabel() << m_state);
    if (!response.IsResponse())
    {
        NS_LOG_WARN("Respond: not a response");
        return;
    }
    if (m_state != TRYING && m_state != PROCEEDING)
    {
        NS_LOG_WARN("Respond: the transaction already has a final response; " << response.GetLabel()
                                                                              << " not sent");
        return;
    }
    m_response = response;
    int status = response.GetStatusCode();
    Transmit(false);
    if (status < 200)
    {
        m_state = PROCEEDING;
        return;
    }
    if (!m_invite)
    {
        m_state = COMPLETED; // Timer J
        m_finishEvent = Simulator::Schedule(64 * m_timers.t1, &SipServerTransaction::Finish, this);
        return;
    }
    // INVITE: retransmit the final response until the ACK (Timer G, or the
    // user agent's 2xx retransmissions, which RFC 6026 gives the same timing),
    // for at most 64*T1 (Timer H / L).
    m_state = status < 300 ? ACCEPTED : COMPLETED;
    m_interval = m_timers.t1;
    m_retransmitEvent =
        Simulator::Schedule(m_interval, &SipServerTransaction::RetransmitTimerExpired, this);
    m_finishEvent = Simulator::Schedule(64 * m_timers.t1, &SipServerTransaction::Finish, this);
}

void
SipServerTransaction::Transmit(bool retransmission)
{
    if (!m_send.IsNull() && m_response.IsValid())
    {
        m_send(m_response, m_source, m_sourcePort, retransmission);
    }
}

void
SipServerTransaction::RetransmitTimerExpired()
{
    NS_LOG_FUNCTION(this);
    if (m_state != ACCEPTED && m_state != COMPLETED)
    {
        return;
    }
    Transmit(true);
    m_interval = std::min(2 * m_interval, m_timers.t2);
    m_retransmitEvent =
        Simulator::Schedule(m_interval, &SipServerTransaction::RetransmitTimerExpired, this);
}

void
SipServerTransaction::ReceiveRetransmission()
{
    NS_LOG_FUNCTION(this << m_state);
    ++m_absorbed;
    if (m_state == PROCEEDING || m_state == COMPLETED || m_state == ACCEPTED)
    {
        NS_LOG_LOGIC("request retransmitted: re-sending " << m_response.GetLabel());
        Transmit(true);
    }
    else
    {
        NS_LOG_LOGIC("request retransmitted while " << m_state << ": absorbed");
    }
}

void
SipServerTransaction::ReceiveAck()
{
    NS_LOG_FUNCTION(this << m_state);
    if (!m_invite || (m_state != COMPLETED && m_state != ACCEPTED))
    {
        return;
    }
    m_retransmitEvent.Cancel();
    m_finishEvent.Cancel();
    m_state = CONFIRMED; // Timer I absorbs retransmitted ACKs
    m_finishEvent = Simulator::Schedule(m_timers.t4, &SipServerTransaction::Finish, this);
}

void
SipServerTransaction::Finish()
{
    NS_LOG_FUNCTION(this);
    if (m_invite && (m_state == ACCEPTED || m_state == COMPLETED))
    {
        NS_LOG_INFO("no ACK for " << m_response.GetLabel() << " within 64*T1");
    }
    CancelTimers();
    m_state = TERMINATED;
    Ptr<SipServerTransaction> self = this;
    if (!m_onFinished.IsNull())
    {
        m_onFinished(self);
    }
}

void
SipServerTransaction::Terminate()
{
    NS_LOG_FUNCTION(this);
    CancelTimers();
    m_state = TERMINATED;
}

void
SipServerTransaction::CancelTimers()
{
    m_retransmitEvent.Cancel();
    m_finishEvent.Cancel();
}

SipServerTransaction::State
SipServerTransaction::GetState() const
{
    return m_state;
}

const SipMessage&
SipServerTransaction::GetRequest() const
{
    return m_request;
}

std::string
SipServerTransaction::GetKey() const
{
    return m_key;
}

uint32_t
SipServerTransaction::GetAbsorbedRetransmissions() const
{
    return m_absorbed;
}

} // namespace ns3
