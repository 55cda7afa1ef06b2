/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "change-exchange.h"

#include "ns3-compat.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketChangeExchange");

NS_OBJECT_ENSURE_REGISTERED(ChangeExchange);

ChangeExchange::Connection::~Connection() = default;

ChangeExchange::Transport::~Transport() = default;

IpAddress
ChangeExchange::Connection::GetExchangeDestination() const
{
    return GetExchangePeerAddress();
}

bool
ChangeExchange::Transport::RetransmitsItself() const
{
    return false;
}

ChangeExchange::Counters&
ChangeExchange::Counters::operator+=(const Counters& other)
{
    announced += other.announced;
    transmissions += other.transmissions;
    accepted += other.accepted;
    confirmed += other.confirmed;
    failed += other.failed;
    for (std::size_t i = 0; i < rejects.size(); ++i)
    {
        rejects[i] += other.rejects[i];
    }
    return *this;
}

uint32_t
ChangeExchange::Counters::GetRejects(ChangeRejectReason reason) const
{
    return rejects.at(static_cast<std::size_t>(reason));
}

uint32_t
ChangeExchange::Counters::GetRejects() const
{
    return std::accumulate(rejects.begin(), rejects.end(), 0U);
}

TypeId
ChangeExchange::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ChangeExchange")
            .SetParent<Object>()
            .SetGroupName("MobiSocket")
            .AddConstructor<ChangeExchange>()
            .AddAttribute("CheckRate",
                          "Authenticity checks (signature or MAC verifications) per second "
                          "this end spends on the messages it receives for its connection; a "
                          "message that passed every cheaper check when the budget is spent is "
                          "refused unchecked (over-budget). 0: no limit. A defence against "
                          "floods of forgeries that pass the cheaper checks (an on-path "
                          "attacker): it bounds the CPU they cost, but while they last a "
                          "genuine update competes with them for the budget.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&ChangeExchange::m_checkRate),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("CheckBurst",
                          "Checks the budget holds at most (spent at once after a quiet "
                          "period).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&ChangeExchange::m_checkBurst),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("UpdateSent",
                            "This end sent an update announcing its new address (every "
                            "transmission, retransmissions included).",
                            MakeTraceSourceAccessor(&ChangeExchange::m_updateSentTrace),
                            "ns3::ChangeExchange::UpdateTracedCallback")
            .AddTraceSource("UpdateReceived",
                            "A well-formed update for this connection arrived (before its "
                            "checks).",
                            MakeTraceSourceAccessor(&ChangeExchange::m_updateReceivedTrace),
                            "ns3::ChangeExchange::UpdateTracedCallback")
            .AddTraceSource("UpdateAccepted",
                            "The peer's update was authenticated and applied: this end now "
                            "sends to the peer's new address.",
                            MakeTraceSourceAccessor(&ChangeExchange::m_updateAcceptedTrace),
                            "ns3::ChangeExchange::UpdateTracedCallback")
            .AddTraceSource("ConfirmSent",
                            "This end sent its confirmation of the peer's update (also a "
                            "repeated answer to a retransmission).",
                            MakeTraceSourceAccessor(&ChangeExchange::m_confirmSentTrace),
                            "ns3::ChangeExchange::ConfirmTracedCallback")
            .AddTraceSource("ConfirmReceived",
                            "A well-formed confirmation for this connection arrived (before "
                            "its checks).",
                            MakeTraceSourceAccessor(&ChangeExchange::m_confirmReceivedTrace),
                            "ns3::ChangeExchange::ConfirmTracedCallback")
            .AddTraceSource("ConfirmAccepted",
                            "The peer's confirmation was authenticated: this end's change is "
                            "complete.",
                            MakeTraceSourceAccessor(&ChangeExchange::m_confirmAcceptedTrace),
                            "ns3::ChangeExchange::ConfirmTracedCallback")
            .AddTraceSource("Rejected",
                            "A message of the exchange was rejected and changed nothing.",
                            MakeTraceSourceAccessor(&ChangeExchange::m_rejectedTrace),
                            "ns3::ChangeExchange::RejectedTracedCallback")
            .AddTraceSource("Failed",
                            "A change did not complete.",
                            MakeTraceSourceAccessor(&ChangeExchange::m_failedTrace),
                            "ns3::ChangeExchange::FailedTracedCallback");
    return tid;
}

ChangeExchange::ChangeExchange()
{
    NS_LOG_FUNCTION(this);
}

ChangeExchange::~ChangeExchange()
{
    NS_LOG_FUNCTION(this);
    // Events hold raw pointers to this object: none may outlive it.
    m_updateEvent.Cancel();
    m_events.CancelAll();
}

void
ChangeExchange::DoDispose()
{
    m_updateEvent.Cancel();
    m_events.CancelAll();
    m_connection = nullptr;
    m_transport = nullptr;
    m_authenticator = nullptr;
    Object::DoDispose();
}

void
ChangeExchange::SetConnection(Connection* connection)
{
    m_connection = connection;
}

void
ChangeExchange::SetTransport(Transport* transport)
{
    m_transport = transport;
}

void
ChangeExchange::SetAuthenticator(Ptr<ChangeAuthenticator> authenticator)
{
    m_authenticator = authenticator;
}

Ptr<ChangeAuthenticator>
ChangeExchange::GetAuthenticator() const
{
    return m_authenticator;
}

void
ChangeExchange::SetMessageType(MobilityControlHeader::MessageType type)
{
    NS_ABORT_MSG_UNLESS(AddressUpdateHeader::Create(type),
                        "ChangeExchange: message type " << int(type) << " is not an update");
    m_updateType = type;
}

MobilityControlHeader::MessageType
ChangeExchange::GetUpdateType() const
{
    return m_updateType;
}

void
ChangeExchange::SetResetTimer(bool resetTimer)
{
    m_resetTimer = resetTimer;
}

void
ChangeExchange::SetAddressKnownToPeer(const IpAddress& address)
{
    m_knownToPeer = address;
}

IpAddress
ChangeExchange::GetAddressKnownToPeer() const
{
    return m_knownToPeer;
}

bool
ChangeExchange::IsPending() const
{
    return m_pending != nullptr;
}

const ChangeExchange::Counters&
ChangeExchange::GetCounters() const
{
    return m_counters;
}

uint32_t
ChangeExchange::GetLastAcceptedSequence() const
{
    return m_lastAccepted;
}

void
ChangeExchange::Reject(MobilityControlHeader::MessageType type, ChangeRejectReason reason)
{
    NS_LOG_INFO("message of type " << int(type) << " rejected: " << reason);
    ++m_counters.rejects.at(static_cast<std::size_t>(reason));
    m_rejectedTrace(type, reason);
}

void
ChangeExchange::Fail(uint32_t sequence, ChangeFailReason reason)
{
    NS_LOG_INFO("change " << sequence << " failed: " << reason);
    ++m_counters.failed;
    m_failedTrace(sequence, reason);
}

void
ChangeExchange::ReportFailure(uint32_t sequence, ChangeFailReason reason)
{
    Fail(sequence, reason);
}

void
ChangeExchange::FailPending(ChangeFailReason reason)
{
    if (!m_pending)
    {
        return;
    }
    uint32_t sequence = m_pending->GetSequence();
    m_pending = nullptr;
    m_updateEvent.Cancel();
    Fail(sequence, reason);
}

// ---------------------------------------------------------------------------------------------
// The mover

bool
ChangeExchange::Announce()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_transport, "ChangeExchange::Announce: no transport");
    if (!m_connection || !m_connection->CanRelocate())
    {
        Fail(0, ChangeFailReason::NO_CONNECTION);
        return false;
    }
    if (!m_authenticator || !m_authenticator->CanAuthenticate())
    {
        Fail(0, ChangeFailReason::NO_KEY);
        return false;
    }
    m_updateEvent.Cancel(); // a newer change replaces an unconfirmed one
    m_pending = AddressUpdateHeader::Create(m_updateType);
    m_pending->SetToken(m_connection->GetExchangeToken());
    m_pending->SetSequence(++m_sequence);
    m_pending->SetOldAddress(m_knownToPeer);
    m_pending->SetNewAddress(m_connection->GetExchangeLocalAddress());
    m_pending->SetNewPort(m_connection->GetExchangeLocalPort());
    ++m_counters.announced;
    m_pendingTransmissions = 0;
    Time delay = m_authenticator->Authenticate(*m_pending);
    NS_LOG_INFO("announcing " << *m_pending << " in " << delay.As(Time::US));
    m_updateEvent = Simulator::Schedule(delay, &ChangeExchange::TransmitUpdate, this);
    return true;
}

bool
ChangeExchange::ResendPending()
{
    NS_LOG_FUNCTION(this);
    if (!m_pending)
    {
        return false;
    }
    if (m_pendingTransmissions > 0)
    {
        m_updateEvent.Cancel();
        TransmitUpdate();
    }
    return true;
}

void
ChangeExchange::TransmitUpdate()
{
    if (!m_pending || !m_connection || !m_connection->CanRelocate())
    {
        return;
    }
    if (m_pendingTransmissions > m_transport->GetMaxRetransmissions())
    {
        NS_LOG_WARN("change " << m_pending->GetSequence() << " not confirmed after "
                              << m_pendingTransmissions << " transmissions");
        FailPending(ChangeFailReason::NOT_CONFIRMED);
        return;
    }
    ++m_pendingTransmissions;
    ++m_counters.transmissions;
    m_transport->SendUpdate(*m_pending);
    m_updateSentTrace(*m_pending);
    m_updateEvent = Simulator::Schedule(m_transport->GetConfirmationTimeout(m_pendingTransmissions),
                                        &ChangeExchange::TransmitUpdate,
                                        this);
}

void
ChangeExchange::ReceiveConfirm(const AddressConfirmHeader& confirm, const Origin& origin)
{
    const auto type = confirm.GetMessageType();
    if (std::optional<ChangeRejectReason> refusal = RefuseConnection(confirm))
    {
        return Reject(type, *refusal);
    }
    m_confirmReceivedTrace(confirm);
    if (!m_pending || confirm.GetSequence() != m_pending->GetSequence())
    {
        return Reject(type,
                      confirm.GetSequence() <= m_sequence ? ChangeRejectReason::REPLAYED
                                                          : ChangeRejectReason::UNEXPECTED);
    }
    if (confirm.GetNewAddress() != m_pending->GetNewAddress() ||
        confirm.GetNewPort() != m_pending->GetNewPort() ||
        (origin.address && *origin.address != m_connection->GetExchangeDestination()))
    {
        return Reject(type, ChangeRejectReason::ADDRESS_MISMATCH);
    }
    if (!m_authenticator)
    {
        return Reject(type, ChangeRejectReason::NO_VERIFIER);
    }
    if (!TakeCheckBudget())
    {
        return Reject(type, ChangeRejectReason::OVER_BUDGET);
    }
    AuthenticityVerdict verdict = m_authenticator->Check(confirm);
    std::shared_ptr<AddressConfirmHeader> message(AddressConfirmHeader::Create(type).release());
    *message = confirm;
    m_events.Schedule(verdict.delay,
                      [this, message, verdict]() { AcceptConfirm(message, verdict); });
}

void
ChangeExchange::AcceptConfirm(std::shared_ptr<AddressConfirmHeader> confirm,
                              AuthenticityVerdict verdict)
{
    if (!verdict.authentic)
    {
        return Reject(confirm->GetMessageType(), verdict.reason);
    }
    if (!m_pending || confirm->GetSequence() != m_pending->GetSequence() || !m_connection ||
        !m_connection->CanRelocate())
    {
        return; // completed, replaced or lost while it was checked
    }
    NS_LOG_INFO("change " << confirm->GetSequence() << " confirmed");
    m_pending = nullptr;
    m_updateEvent.Cancel();
    m_knownToPeer = confirm->GetNewAddress();
    ++m_counters.confirmed;
    m_confirmAcceptedTrace(*confirm);
    m_connection->ChangeCompleted(m_resetTimer);
}

// ---------------------------------------------------------------------------------------------
// The responder

bool
ChangeExchange::Receive(Ptr<const Packet> message, const Origin& origin)
{
    MobilityControlHeader::MessageType type;
    uint64_t token = 0;
    if (!MobilityControlHeader::PeekEnvelope(message, type, token))
    {
        return false;
    }
    if (type == m_updateType)
    {
        std::unique_ptr<AddressUpdateHeader> update = AddressUpdateHeader::Create(type);
        if (message->PeekHeader(*update) == 0 || !update->IsWellFormed())
        {
            Reject(type, ChangeRejectReason::MALFORMED);
            return true;
        }
        ReceiveUpdate(*update, origin);
        return true;
    }
    if (type == MobilityControlHeader::GetConfirmType(m_updateType))
    {
        std::unique_ptr<AddressConfirmHeader> confirm = AddressConfirmHeader::Create(type);
        if (message->PeekHeader(*confirm) == 0 || !confirm->IsWellFormed())
        {
            Reject(type, ChangeRejectReason::MALFORMED);
            return true;
        }
        ReceiveConfirm(*confirm, origin);
        return true;
    }
    return false;
}

bool
ChangeExchange::TakeCheckBudget()
{
    if (m_checkRate <= 0)
    {
        return true;
    }
    // A token bucket, full at its first use.
    Time now = Simulator::Now();
    m_budget = m_budget < 0
                   ? m_checkBurst
                   : std::min<double>(m_checkBurst,
                                      m_budget + (now - m_budgetTime).GetSeconds() * m_checkRate);
    m_budgetTime = now;
    if (m_budget < 1)
    {
        return false;
    }
    m_budget -= 1;
    return true;
}

std::optional<ChangeRejectReason>
ChangeExchange::RefuseConnection(const MobilityControlHeader& message) const
{
    if (!m_connection || !m_connection->CanRelocate())
    {
        return ChangeRejectReason::NOT_ACTIVE;
    }
    if (message.GetToken() != m_connection->GetExchangeToken())
    {
        return ChangeRejectReason::WRONG_TOKEN;
    }
    return std::nullopt;
}

bool
ChangeExchange::AddressesFit(const AddressUpdateHeader& update, const Origin& origin) const
{
    return (!origin.address || *origin.address == update.GetNewAddress()) &&
           (!origin.port || *origin.port == update.GetNewPort()) &&
           update.GetOldAddress() == m_connection->GetExchangePeerAddress();
}

std::optional<ChangeRejectReason>
ChangeExchange::ReceiveUpdate(const AddressUpdateHeader& update, const Origin& origin)
{
    std::optional<ChangeRejectReason> refusal = TakeUpdate(update, origin);
    if (refusal)
    {
        Reject(update.GetMessageType(), *refusal);
    }
    return refusal;
}

std::optional<ChangeRejectReason>
ChangeExchange::TakeUpdate(const AddressUpdateHeader& update, const Origin& origin)
{
    if (std::optional<ChangeRejectReason> refusal = RefuseConnection(update))
    {
        return refusal;
    }
    NS_ABORT_MSG_IF(!m_transport, "ChangeExchange::ReceiveUpdate: no transport");
    m_updateReceivedTrace(update);
    std::vector<uint8_t> bytes = update.GetBytes();
    uint32_t sequence = update.GetSequence();
    if (!m_transport->RetransmitsItself() && sequence == m_lastAccepted &&
        bytes == m_lastAcceptedBytes)
    {
        // Our answer was lost (or is not ready yet) and the mover retransmitted.
        if (m_answer)
        {
            m_transport->SendConfirm(*m_answer);
            m_confirmSentTrace(*m_answer);
        }
        return std::nullopt;
    }
    if (bytes == m_verifyingBytes)
    {
        return std::nullopt; // a retransmission arriving while the original is being authenticated
    }
    if (sequence <= m_lastAccepted)
    {
        return ChangeRejectReason::REPLAYED;
    }
    if (!AddressesFit(update, origin))
    {
        return ChangeRejectReason::ADDRESS_MISMATCH;
    }
    if (!m_authenticator || !m_authenticator->CanAuthenticate())
    {
        return ChangeRejectReason::NO_KEY; // the answer could not be authenticated
    }
    if (!TakeCheckBudget())
    {
        return ChangeRejectReason::OVER_BUDGET;
    }
    AuthenticityVerdict verdict = m_authenticator->Check(update);
    m_verifyingBytes = bytes;
    const auto type = update.GetMessageType();
    std::shared_ptr<AddressUpdateHeader> message(AddressUpdateHeader::Create(type).release());
    *message = update;
    m_events.Schedule(verdict.delay,
                      [this, message, verdict]() { AcceptUpdate(message, verdict); });
    return std::nullopt;
}

void
ChangeExchange::AcceptUpdate(std::shared_ptr<AddressUpdateHeader> update,
                             AuthenticityVerdict verdict)
{
    if (update->GetBytes() == m_verifyingBytes)
    {
        m_verifyingBytes.clear();
    }
    const auto type = update->GetMessageType();
    if (!verdict.authentic)
    {
        return Reject(type, verdict.reason);
    }
    if (!m_connection || !m_connection->CanRelocate() || update->GetSequence() <= m_lastAccepted)
    {
        return; // lost, or overtaken by a newer change, while it was checked
    }
    if (update->GetOldAddress() != m_connection->GetExchangePeerAddress())
    {
        return Reject(type, ChangeRejectReason::ADDRESS_MISMATCH);
    }
    if (!m_connection->MovePeer(*update))
    {
        return Reject(type, ChangeRejectReason::UPDATE_REFUSED);
    }
    NS_LOG_INFO("peer moved: " << *update);
    m_lastAccepted = update->GetSequence();
    m_lastAcceptedBytes = update->GetBytes();
    m_answer = nullptr; // until the new one is authenticated
    ++m_counters.accepted;
    m_updateAcceptedTrace(*update);

    std::shared_ptr<AddressConfirmHeader> confirm(
        AddressConfirmHeader::Create(MobilityControlHeader::GetConfirmType(type)).release());
    confirm->SetToken(update->GetToken());
    confirm->SetSequence(update->GetSequence());
    confirm->SetNewAddress(update->GetNewAddress());
    confirm->SetNewPort(update->GetNewPort());
    Time delay = m_authenticator->Authenticate(*confirm);
    m_events.Schedule(delay, [this, confirm]() { SendConfirm(confirm); });
}

void
ChangeExchange::SendConfirm(std::shared_ptr<AddressConfirmHeader> confirm)
{
    if (confirm->GetSequence() != m_lastAccepted || !m_connection || !m_connection->CanRelocate())
    {
        return; // a newer change was accepted meanwhile
    }
    m_answer = AddressConfirmHeader::Create(confirm->GetMessageType());
    *m_answer = *confirm;
    m_transport->SendConfirm(*m_answer);
    m_confirmSentTrace(*m_answer);
    // The paper's ordering rule: answer first, then resume sending.
    m_connection->ChangeCompleted(m_resetTimer);
}

} // namespace ns3
