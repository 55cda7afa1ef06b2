/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#define NS_LOG_APPEND_CONTEXT                                                                      \
    if (m_node)                                                                                    \
    {                                                                                              \
        std::clog << " [node " << m_node->GetId() << "] ";                                         \
    }

#include "relocatable-tcp-socket.h"

#include "mobility-demux.h"
#include "relocatable-socket-factory.h"
#include "tcp-option-experimental.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtt-estimator.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketRelocatableTcpSocket");

NS_OBJECT_ENSURE_REGISTERED(RelocatableTcpSocket);

TypeId
RelocatableTcpSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RelocatableTcpSocket")
            .SetParent<TcpSocketBase>()
            .SetGroupName("MobiSocket")
            .AddAttribute("MobilityTimeout",
                          "How long a connection with retention active survives an outage: "
                          "retransmission exhaustion and RSTs do not abort it before this "
                          "time has passed since the outage began (2 MSL by default).",
                          TimeValue(Seconds(240)),
                          MakeTimeAccessor(&RelocatableTcpSocket::m_mobilityTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "CongestionPolicy",
                "What happens to cWnd, ssThresh and the RTT estimate when the path changes.",
                EnumValue(RelocatableTcpSocket::RESET_TO_INITIAL),
                MakeEnumAccessor(&RelocatableTcpSocket::m_congestionPolicy),
                MakeEnumChecker(RelocatableTcpSocket::RESTORE_PRE_OUTAGE,
                                "RestorePreOutage",
                                RelocatableTcpSocket::RESET_TO_INITIAL,
                                "ResetToInitial",
                                RelocatableTcpSocket::UNCHANGED,
                                "Unchanged"))
            .AddAttribute("ChangeRetries",
                          "Retransmissions of an unconfirmed change announcement before "
                          "giving up. The first timeout is the unbacked-off RTO, doubling "
                          "each time (at most 60 s).",
                          UintegerValue(6),
                          MakeUintegerAccessor(&RelocatableTcpSocket::m_changeRetries),
                          MakeUintegerChecker<uint32_t>(0, 16))
            .AddAttribute("ResetTimerAfterChange",
                          "In the in-band exchange, restart transmission without backoff "
                          "(ResetTimer) when a change completes: on the peer once it has "
                          "answered, on the mover once the answer is authenticated.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RelocatableTcpSocket::m_resetTimerAfterChange),
                          MakeBooleanChecker())
            .AddTraceSource("ResetIgnored",
                            "A RST was ignored during an outage or a pending address change.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_resetIgnoredTrace),
                            "ns3::RelocatableTcpSocket::ResetIgnoredTracedCallback")
            .AddTraceSource("OutageStarted",
                            "The first retransmission timeout without progress; the argument "
                            "is when the outage is taken to have begun.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_outageTrace),
                            "ns3::Time::TracedCallback")
            .AddTraceSource("TcbUpdated",
                            "An address or port of the connection was rewritten.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_tcbUpdatedTrace),
                            "ns3::RelocatableTcpSocket::TcbUpdatedTracedCallback")
            .AddTraceSource("ControlRejected",
                            "A control message for this connection was rejected.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_rejectedTrace),
                            "ns3::RelocatableTcpSocket::RejectedTracedCallback")
            .AddTraceSource("ChangeAnnounced",
                            "This end sent the first message announcing its address change.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_changeAnnouncedTrace),
                            "ns3::TracedCallback::Void")
            .AddTraceSource("ChangeConfirmed",
                            "The peer confirmed this end's address change.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_changeConfirmedTrace),
                            "ns3::TracedCallback::Void")
            .AddTraceSource("ChangeFailed",
                            "This end's change announcement was not confirmed after all its "
                            "retransmissions.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_changeFailedTrace),
                            "ns3::TracedCallback::Void")
            .AddTraceSource("MobilityTimeoutExpired",
                            "Retention gave up: the connection aborts as TCP would.",
                            MakeTraceSourceAccessor(&RelocatableTcpSocket::m_mobilityTimeoutTrace),
                            "ns3::TracedCallback::Void");
    return tid;
}

RelocatableTcpSocket::RelocatableTcpSocket()
    : TcpSocketBase(),
      m_mobilityTimeout(Seconds(240)),
      m_congestionPolicy(RESET_TO_INITIAL)
{
    NS_LOG_FUNCTION(this);
    m_txTrace.ConnectWithoutContext(MakeCallback(&RelocatableTcpSocket::SynOptionHook));
}

RelocatableTcpSocket::RelocatableTcpSocket(const RelocatableTcpSocket& other)
    : TcpSocketBase(other), // copies the Tx trace, SynOptionHook included
      m_exid(other.m_exid),
      m_offered(other.m_offered),
      m_mobilityTimeout(other.m_mobilityTimeout),
      m_congestionPolicy(other.m_congestionPolicy),
      m_changeRetries(other.m_changeRetries),
      m_resetTimerAfterChange(other.m_resetTimerAfterChange)
{
    NS_LOG_FUNCTION(this);
}

RelocatableTcpSocket::~RelocatableTcpSocket()
{
    NS_LOG_FUNCTION(this);
    m_announceEvent.Cancel();
    m_exchangeEvent.Cancel();
    UnregisterToken();
}

void
RelocatableTcpSocket::DoDispose()
{
    m_announceEvent.Cancel();
    m_exchangeEvent.Cancel();
    UnregisterToken();
    TcpSocketBase::DoDispose();
}

TcpSocket::TcpStates_t
RelocatableTcpSocket::GetState() const
{
    return m_state.Get();
}

bool
RelocatableTcpSocket::IsSynchronized() const
{
    if (m_endPoint == nullptr)
    {
        return false;
    }
    switch (m_state.Get())
    {
    case ESTABLISHED:
    case CLOSE_WAIT:
    case FIN_WAIT_1:
    case FIN_WAIT_2:
    case CLOSING:
    case LAST_ACK:
        return true;
    default:
        return false;
    }
}

bool
RelocatableTcpSocket::IsAlive() const
{
    return IsSynchronized();
}

bool
RelocatableTcpSocket::IsInOutage() const
{
    return m_inOutage;
}

bool
RelocatableTcpSocket::IsChangePending() const
{
    return m_changePending;
}

uint64_t
RelocatableTcpSocket::GetToken() const
{
    return m_token;
}

uint32_t
RelocatableTcpSocket::GetRetainedTimeouts() const
{
    return m_retainedTimeouts;
}

uint32_t
RelocatableTcpSocket::GetIgnoredResets() const
{
    return m_ignoredResets;
}

Time
RelocatableTcpSocket::GetEstablishedTime() const
{
    return m_establishedTime;
}

uint32_t
RelocatableTcpSocket::GetAnnouncementTransmissions() const
{
    return m_announceTransmissions;
}

uint32_t
RelocatableTcpSocket::GetChangeRetries() const
{
    return m_changeRetries;
}

uint32_t
RelocatableTcpSocket::GetRejectCount(RejectReason reason) const
{
    return m_rejects.at(reason);
}

const char*
RelocatableTcpSocket::GetRejectReasonName(RejectReason reason)
{
    switch (reason)
    {
    case MALFORMED:
        return "malformed";
    case WRONG_TOKEN:
        return "wrong-token";
    case REPLAYED:
        return "replayed";
    case BAD_SIGNATURE:
        return "bad-authenticator";
    case ADDRESS_MISMATCH:
        return "address-mismatch";
    case NOT_ACTIVE:
        return "not-active";
    case NO_VERIFIER:
        return "no-verifier";
    case NO_KEY:
        return "no-key";
    case REFUSED:
        return "refused";
    case UNEXPECTED:
        return "unexpected";
    }
    return "unknown";
}

void
RelocatableTcpSocket::Reject(MobilityControlHeader::MessageType type, RejectReason reason)
{
    NS_LOG_INFO("control message of type " << int(type)
                                           << " rejected: " << GetRejectReasonName(reason));
    ++m_rejects.at(reason);
    m_rejectedTrace(type, reason);
    NotifyRejected(type, reason);
}

void
RelocatableTcpSocket::NotifyRejected(MobilityControlHeader::MessageType /* type */,
                                     RejectReason /* reason */)
{
}

void
RelocatableTcpSocket::NotifyChangeAnnounced()
{
    m_changeAnnouncedTrace();
}

void
RelocatableTcpSocket::NotifyChangeConfirmed()
{
    m_changeConfirmedTrace();
}

Address
RelocatableTcpSocket::GetLocalSocketAddress() const
{
    return InetSocketAddress(m_endPoint->GetLocalAddress(), m_endPoint->GetLocalPort());
}

Address
RelocatableTcpSocket::GetPeerSocketAddress() const
{
    return InetSocketAddress(m_endPoint->GetPeerAddress(), m_endPoint->GetPeerPort());
}

void
RelocatableTcpSocket::SetNegotiationExid(uint16_t exid)
{
    m_exid = exid;
}

void
RelocatableTcpSocket::SetOffered(bool offered)
{
    m_offered = offered;
}

bool
RelocatableTcpSocket::IsOffered() const
{
    return m_offered;
}

bool
RelocatableTcpSocket::IsNegotiated() const
{
    return m_offered && m_peerOffered && IsSynchronized();
}

bool
RelocatableTcpSocket::IsRetentionActive() const
{
    return IsNegotiated();
}

bool
RelocatableTcpSocket::IsInitiator() const
{
    return m_isInitiator;
}

uint32_t
RelocatableTcpSocket::DrawNonce() const
{
    Ptr<MobilityDemux> demux = GetDemux();
    return demux ? demux->DrawNonce()
                 : CreateObject<UniformRandomVariable>()->GetInteger(1, 0xFFFFFFFFU);
}

int
RelocatableTcpSocket::Connect(const Address& address)
{
    if (m_state == CLOSED || m_state == LISTEN)
    {
        m_isInitiator = true;
        m_peerOffered = false;
        if (m_offered && m_exid != 0)
        {
            m_localNonce = DrawNonce();
        }
    }
    return TcpSocketBase::Connect(address);
}

void
RelocatableTcpSocket::AppendSynOptions(TcpHeader& header) const
{
    if (!m_offered || m_exid == 0 || m_localNonce == 0)
    {
        return;
    }
    bool synAck = header.GetFlags() & TcpHeader::ACK;
    if (synAck && !m_peerOffered)
    {
        return; // only answer an offer
    }
    std::vector<uint8_t> payload{NEGOTIATION_VERSION,
                                 static_cast<uint8_t>(m_localNonce >> 24),
                                 static_cast<uint8_t>(m_localNonce >> 16),
                                 static_cast<uint8_t>(m_localNonce >> 8),
                                 static_cast<uint8_t>(m_localNonce)};
    if (!header.AppendOption(Create<TcpOptionExperimental>(m_exid, payload)))
    {
        NS_LOG_WARN("no option space left for the negotiation option");
    }
}

void
RelocatableTcpSocket::ProcessSynOptions(const TcpHeader& header)
{
    std::vector<uint8_t> payload;
    m_peerOffered = false;
    if (m_exid == 0 || !TcpOptionExperimental::Find(header, m_exid, payload) ||
        payload.size() < 5 || payload[0] < NEGOTIATION_VERSION)
    {
        return;
    }
    uint32_t nonce = (uint32_t(payload[1]) << 24) | (uint32_t(payload[2]) << 16) |
                     (uint32_t(payload[3]) << 8) | payload[4];
    if (nonce == 0)
    {
        return;
    }
    m_peerOffered = true;
    if (!m_offered)
    {
        return;
    }
    if (!m_isInitiator)
    {
        // A forked socket answering a SYN: draw our half before the SYN+ACK goes out.
        m_localNonce = DrawNonce();
    }
    uint64_t initiatorNonce = m_isInitiator ? m_localNonce : nonce;
    uint64_t responderNonce = m_isInitiator ? nonce : m_localNonce;
    RegisterToken((initiatorNonce << 32) | responderNonce);
}

void
RelocatableTcpSocket::ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                          Ptr<Packet> /* payload */,
                                          Ipv4Address source,
                                          uint16_t /* sourcePort */)
{
    NS_LOG_LOGIC("ignoring control message of type " << int(type) << " from " << source);
}

std::unique_ptr<AddressUpdateHeader>
RelocatableTcpSocket::CreateUpdateHeader() const
{
    return nullptr;
}

std::unique_ptr<AddressConfirmHeader>
RelocatableTcpSocket::CreateConfirmHeader() const
{
    return nullptr;
}

bool
RelocatableTcpSocket::CanAuthenticate() const
{
    return false;
}

Time
RelocatableTcpSocket::AuthenticateMessage(MobilityControlHeader& /* message */)
{
    return Seconds(0);
}

bool
RelocatableTcpSocket::CheckAuthenticity(const MobilityControlHeader& /* message */,
                                        Time& delay,
                                        RejectReason& reason)
{
    delay = Seconds(0);
    reason = NO_KEY;
    return false;
}

void
RelocatableTcpSocket::NotifyUpdateSent(const AddressUpdateHeader& /* message */)
{
}

void
RelocatableTcpSocket::NotifyUpdateAccepted(const AddressUpdateHeader& /* message */)
{
}

void
RelocatableTcpSocket::NotifyConfirmSent(const AddressConfirmHeader& /* message */)
{
}

void
RelocatableTcpSocket::NotifyConfirmAccepted(const AddressConfirmHeader& /* message */)
{
}

void
RelocatableTcpSocket::NotifyEstablished()
{
}

void
RelocatableTcpSocket::SynOptionHook(Ptr<const Packet> /* packet */,
                                    const TcpHeader& header,
                                    Ptr<const TcpSocketBase> socket)
{
    if (!(header.GetFlags() & TcpHeader::SYN))
    {
        return;
    }
    auto relocatable = DynamicCast<const RelocatableTcpSocket>(socket);
    if (relocatable)
    {
        // TcpSocketBase fires its Tx trace with the header it is about to pass
        // to TcpL4Protocol::SendPacket, a non-const local variable.
        relocatable->AppendSynOptions(const_cast<TcpHeader&>(header));
    }
}

Ptr<MobilityDemux>
RelocatableTcpSocket::GetDemux() const
{
    return m_node ? m_node->GetObject<MobilityDemux>() : nullptr;
}

bool
RelocatableTcpSocket::RegisterToken(uint64_t token)
{
    UnregisterToken();
    m_token = token;
    Ptr<MobilityDemux> demux = GetDemux();
    if (!demux)
    {
        NS_LOG_WARN("node has no MobilityDemux: control segments cannot reach this connection");
        return false;
    }
    if (!demux->Register(token, this))
    {
        NS_LOG_WARN("token " << token << " already registered on this node");
        return false;
    }
    m_demux = demux;
    return true;
}

void
RelocatableTcpSocket::UnregisterToken()
{
    if (m_demux && m_token != 0)
    {
        m_demux->Unregister(m_token, this);
    }
    m_demux = nullptr;
    m_token = 0;
}

Time
RelocatableTcpSocket::GetUnbackedRto() const
{
    return Max(m_rtt->GetEstimate() + Max(m_clockGranularity, m_rtt->GetVariation() * 4), m_minRto);
}

Time
RelocatableTcpSocket::ControlRetransmitTimeout(uint32_t exponent) const
{
    return Min(GetUnbackedRto() * double(1U << std::min(exponent, 16U)), Seconds(60));
}

bool
RelocatableTcpSocket::IsHostAddress(Ipv4Address address)
{
    return !(address == Ipv4Address::GetAny() || address.IsBroadcast() || address.IsMulticast() ||
             address.IsLocalhost());
}

Ptr<NetDevice>
RelocatableTcpSocket::GetDeviceForAddress(Ipv4Address address) const
{
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    int32_t interface = ipv4 ? ipv4->GetInterfaceForAddress(address) : -1;
    return interface < 0 ? nullptr : ipv4->GetNetDevice(interface);
}

bool
RelocatableTcpSocket::IsTupleInUse(Ipv4Address localAddress,
                                   uint16_t localPort,
                                   Ipv4Address peerAddress,
                                   uint16_t peerPort) const
{
    // Ask ns-3's endpoint table by the rule Connect() obeys: allocate the
    // 4-tuple and release it (one pass over the endpoints, where comparing
    // the names of every socket cost O(sockets) Address objects per move).
    // This socket's own endpoint must not count.
    Ipv4EndPoint* own = m_endPoint;
    bool ownHasIt = own != nullptr && own->GetLocalAddress() == localAddress &&
                    own->GetLocalPort() == localPort && own->GetPeerAddress() == peerAddress &&
                    own->GetPeerPort() == peerPort;
    if (ownHasIt)
    {
        own->SetPeer(Ipv4Address::GetAny(), 0);
    }
    Ipv4EndPoint* probe =
        m_tcp->Allocate(m_boundnetdevice, localAddress, localPort, peerAddress, peerPort);
    if (ownHasIt)
    {
        own->SetPeer(peerAddress, peerPort);
    }
    if (probe == nullptr)
    {
        return true;
    }
    m_tcp->DeAllocate(probe);
    return false;
}

bool
RelocatableTcpSocket::IsPortInUse(Ipv4Address address, uint16_t port) const
{
    for (Ptr<TcpSocketBase> other : RelocatableSocketFactory::SocketsOn<TcpSocketBase>(m_node))
    {
        Address name;
        if (PeekPointer(other) == this || other->GetSockName(name) != 0 ||
            !InetSocketAddress::IsMatchingType(name))
        {
            continue;
        }
        InetSocketAddress local = InetSocketAddress::ConvertFrom(name);
        if (local.GetPort() == port &&
            (local.GetIpv4() == address || local.GetIpv4() == Ipv4Address::GetAny()))
        {
            return true;
        }
    }
    return false;
}

bool
RelocatableTcpSocket::RelocateLocal(Ipv4Address address, uint16_t port)
{
    NS_LOG_FUNCTION(this << address << port);
    NS_ASSERT(m_endPoint != nullptr);
    Ipv4Address oldAddress = m_endPoint->GetLocalAddress();
    uint16_t oldPort = m_endPoint->GetLocalPort();
    Ipv4Address peer = m_endPoint->GetPeerAddress();
    uint16_t peerPort = m_endPoint->GetPeerPort();
    uint16_t newPort = (port == 0) ? oldPort : port;
    Ptr<NetDevice> device = m_boundnetdevice ? GetDeviceForAddress(address) : nullptr;
    Address before = GetLocalSocketAddress();

    if (IsTupleInUse(address, newPort, peer, peerPort))
    {
        m_errno = ERROR_ADDRINUSE;
        return false;
    }
    if (newPort != oldPort)
    {
        Ipv4EndPoint* endPoint = m_tcp->Allocate(device, address, newPort, peer, peerPort);
        if (endPoint == nullptr)
        {
            m_errno = ERROR_ADDRINUSE;
            return false;
        }
        Ipv4EndPoint* old = m_endPoint;
        // Deleting an endpoint calls its destroy callback, which would tear this socket down.
        old->SetDestroyCallback(MakeNullCallback<void>());
        m_endPoint = endPoint;
        SetupCallback();
        m_tcp->DeAllocate(old);
    }
    else
    {
        m_endPoint->SetLocalAddress(address);
    }
    if (m_boundnetdevice && device != m_boundnetdevice)
    {
        BindToNetDevice(device);
    }
    LeaveTuple(oldAddress, oldPort, peer, peerPort);
    NS_LOG_INFO("local endpoint " << oldAddress << ":" << oldPort << " -> " << address << ":"
                                  << newPort);
    CompleteRelocation(SOURCE, before);
    return true;
}

bool
RelocatableTcpSocket::RelocatePeer(Ipv4Address address, uint16_t port)
{
    NS_LOG_FUNCTION(this << address << port);
    NS_ASSERT(m_endPoint != nullptr);
    Ipv4Address local = m_endPoint->GetLocalAddress();
    uint16_t localPort = m_endPoint->GetLocalPort();
    Ipv4Address oldPeer = m_endPoint->GetPeerAddress();
    uint16_t oldPeerPort = m_endPoint->GetPeerPort();
    uint16_t newPort = (port == 0) ? oldPeerPort : port;
    if (IsTupleInUse(local, localPort, address, newPort))
    {
        m_errno = ERROR_ADDRINUSE;
        return false;
    }
    Address before = GetPeerSocketAddress();
    m_endPoint->SetPeer(address, newPort);
    LeaveTuple(local, localPort, oldPeer, oldPeerPort);
    NS_LOG_INFO("peer endpoint " << oldPeer << ":" << oldPeerPort << " -> " << address << ":"
                                 << newPort);
    CompleteRelocation(DESTINATION, before);
    return true;
}

void
RelocatableTcpSocket::LeaveTuple(Ipv4Address localAddress,
                                 uint16_t localPort,
                                 Ipv4Address peerAddress,
                                 uint16_t peerPort)
{
    Ptr<MobilityDemux> demux = GetDemux();
    if (!demux)
    {
        return;
    }
    demux->AddTombstone(localAddress, localPort, peerAddress, peerPort, m_mobilityTimeout);
    demux->ClearTombstone(m_endPoint->GetLocalAddress(),
                          m_endPoint->GetLocalPort(),
                          m_endPoint->GetPeerAddress(),
                          m_endPoint->GetPeerPort());
}

void
RelocatableTcpSocket::CompleteRelocation(Direction direction, const Address& before)
{
    ApplyCongestionPolicy();
    m_changePending = true;
    m_tcbUpdatedTrace(direction,
                      before,
                      direction == SOURCE ? GetLocalSocketAddress() : GetPeerSocketAddress());
}

void
RelocatableTcpSocket::ApplyCongestionPolicy()
{
    NS_LOG_FUNCTION(this << m_congestionPolicy);
    switch (m_congestionPolicy)
    {
    case RESTORE_PRE_OUTAGE:
        if (m_snapshot.valid)
        {
            m_tcb->m_ssThresh = m_snapshot.ssThresh;
            m_tcb->m_cWnd = m_snapshot.cWnd;
            m_tcb->m_cWndInfl = m_snapshot.cWnd;
        }
        break;
    case RESET_TO_INITIAL: {
        m_rtt->Reset();
        m_history.clear();
        m_tcb->m_minRtt = Time::Max();
        m_tcb->m_cWnd = GetInitialCwnd() * GetSegSize();
        m_tcb->m_cWndInfl = m_tcb->m_cWnd;
        m_tcb->m_ssThresh = GetInitialSSThresh();
        ObjectFactory factory;
        factory.SetTypeId(m_congestionControl->GetInstanceTypeId());
        SetCongestionControlAlgorithm(factory.Create<TcpCongestionOps>());
        m_rto = GetUnbackedRto();
        break;
    }
    case UNCHANGED:
        break;
    }
}

void
RelocatableTcpSocket::RestartTransmission()
{
    NS_LOG_FUNCTION(this);
    m_dataRetrCount = m_dataRetries;
    m_retxEvent.Cancel();
    m_rto = GetUnbackedRto();

    if (m_tcb->m_highTxMark.Get() > m_txBuffer->HeadSequence())
    {
        // The segments in flight were sent to a path that no longer exists:
        // treat them as lost, as an RTO would, but leave cWnd to the
        // congestion policy and do not back off.
        m_dupAckCount = 0;
        if (!m_sackEnabled)
        {
            m_txBuffer->ResetRenoSack();
        }
        m_txBuffer->SetSentListLost(!m_sackEnabled);
        m_recover = m_tcb->m_highTxMark;
        m_recoverActive = true;
        m_history.clear();
        if (m_tcb->m_congState != TcpSocketState::CA_LOSS)
        {
            m_congestionControl->CongestionStateSet(m_tcb, TcpSocketState::CA_LOSS);
            m_tcb->m_congState = TcpSocketState::CA_LOSS;
        }
        m_persistEvent.Cancel();
        // Only the first unacknowledged segment goes now; its ACK restarts the
        // ACK clock. A burst would meet an unresolved ARP entry at the new
        // access point, whose pending queue holds three packets.
        DoRetransmit(); // arms the retransmission timer with the fresh m_rto
    }
    else if (m_txBuffer->Size() > 0)
    {
        SendPendingData(m_connected);
    }
    else
    {
        SendEmptyPacket(TcpHeader::ACK);
    }
}

void
RelocatableTcpSocket::SendControlSegment(Ptr<Packet> payload)
{
    NS_LOG_FUNCTION(this << payload->GetSize());
    if (m_endPoint == nullptr)
    {
        return;
    }
    TcpHeader header;
    header.SetFlags(TcpHeader::ACK | TcpHeader::URG);
    header.SetSequenceNumber(m_tcb->m_nextTxSequence);
    header.SetAckNumber(m_tcb->m_rxBuffer->NextRxSequence());
    header.SetSourcePort(m_endPoint->GetLocalPort());
    header.SetDestinationPort(m_endPoint->GetPeerPort());
    header.SetWindowSize(AdvertisedWindowSize());
    header.SetUrgentPointer(static_cast<uint16_t>(payload->GetSize()));
    AddOptions(header);
    m_txTrace(payload, header, this);
    m_tcp->SendPacket(payload,
                      header,
                      m_endPoint->GetLocalAddress(),
                      m_endPoint->GetPeerAddress(),
                      m_boundnetdevice);
}

void
RelocatableTcpSocket::TransferConnection(Ptr<RelocatableTcpSocket> from)
{
    NS_LOG_FUNCTION(this << from);
    NS_ASSERT(m_endPoint != nullptr && from->m_endPoint != nullptr);
    Address before = from->GetLocalSocketAddress();

    // Shared objects move; the TCB fields are copied into this socket's own
    // TcpSocketState so that its trace sources stay wired to this socket.
    m_txBuffer = from->m_txBuffer;
    m_txBuffer->SetRWndCallback(MakeCallback(&RelocatableTcpSocket::GetRWnd, this));
    m_tcb->m_rxBuffer = from->m_tcb->m_rxBuffer;
    m_rtt = from->m_rtt;
    m_congestionControl = from->m_congestionControl;
    m_recoveryOps = from->m_recoveryOps;
    m_rateOps = from->m_rateOps;

    Ptr<const TcpSocketState> src = from->m_tcb;
    m_tcb->m_cWnd = src->m_cWnd;
    m_tcb->m_cWndInfl = src->m_cWndInfl;
    m_tcb->m_ssThresh = src->m_ssThresh;
    m_tcb->m_initialCWnd = src->m_initialCWnd;
    m_tcb->m_initialSsThresh = src->m_initialSsThresh;
    m_tcb->m_isRetransDataAcked = src->m_isRetransDataAcked;
    m_tcb->m_segmentSize = src->m_segmentSize;
    m_tcb->m_lastAckedSeq = src->m_lastAckedSeq;
    m_tcb->m_congState = src->m_congState;
    m_tcb->m_ecnState = src->m_ecnState;
    m_tcb->m_highTxMark = src->m_highTxMark;
    m_tcb->m_nextTxSequence = src->m_nextTxSequence;
    m_tcb->m_rcvTimestampValue = src->m_rcvTimestampValue;
    m_tcb->m_rcvTimestampEchoReply = src->m_rcvTimestampEchoReply;
    m_tcb->m_pacing = src->m_pacing;
    m_tcb->m_maxPacingRate = src->m_maxPacingRate;
    m_tcb->m_pacingRate = src->m_pacingRate;
    m_tcb->m_pacingSsRatio = src->m_pacingSsRatio;
    m_tcb->m_pacingCaRatio = src->m_pacingCaRatio;
    m_tcb->m_paceInitialWindow = src->m_paceInitialWindow;
    m_tcb->m_minRtt = src->m_minRtt;
    m_tcb->m_bytesInFlight = src->m_bytesInFlight;
    m_tcb->m_lastRtt = src->m_lastRtt;
    m_tcb->m_ecnMode = src->m_ecnMode;
    m_tcb->m_useEcn = src->m_useEcn;
    m_tcb->m_ectCodePoint = src->m_ectCodePoint;
    m_tcb->m_lastAckedSackedBytes = src->m_lastAckedSackedBytes;

    m_dupAckCount = from->m_dupAckCount;
    m_delAckCount = from->m_delAckCount;
    m_delAckMaxCount = from->m_delAckMaxCount;
    m_noDelay = from->m_noDelay;
    m_synCount = from->m_synCount;
    m_synRetries = from->m_synRetries;
    m_dataRetrCount = from->m_dataRetrCount;
    m_dataRetries = from->m_dataRetries;
    m_rto = from->m_rto;
    m_minRto = from->m_minRto;
    m_clockGranularity = from->m_clockGranularity;
    m_delAckTimeout = from->m_delAckTimeout;
    m_persistTimeout = from->m_persistTimeout;
    m_cnTimeout = from->m_cnTimeout;
    m_history = from->m_history;
    m_state = from->m_state;
    m_closeNotified = from->m_closeNotified;
    m_closeOnEmpty = from->m_closeOnEmpty;
    m_shutdownSend = from->m_shutdownSend;
    m_shutdownRecv = from->m_shutdownRecv;
    m_connected = from->m_connected;
    m_msl = from->m_msl;
    m_maxWinSize = from->m_maxWinSize;
    m_bytesAckedNotProcessed = from->m_bytesAckedNotProcessed;
    m_highTxAck = from->m_highTxAck;
    m_rWnd = from->m_rWnd;
    m_advWnd = from->m_advWnd;
    m_highRxMark = from->m_highRxMark;
    m_highRxAckMark = from->m_highRxAckMark;
    m_sackEnabled = from->m_sackEnabled;
    m_winScalingEnabled = from->m_winScalingEnabled;
    m_rcvWindShift = from->m_rcvWindShift;
    m_sndWindShift = from->m_sndWindShift;
    m_timestampEnabled = from->m_timestampEnabled;
    m_timestampToEcho = from->m_timestampToEcho;
    m_recover = from->m_recover;
    m_recoverActive = from->m_recoverActive;
    m_retxThresh = from->m_retxThresh;
    m_limitedTx = from->m_limitedTx;
    m_isFirstPartialAck = from->m_isFirstPartialAck;
    m_ecnEchoSeq = from->m_ecnEchoSeq;
    m_ecnCESeq = from->m_ecnCESeq;
    m_ecnCWRSeq = from->m_ecnCWRSeq;

    m_exid = from->m_exid;
    m_offered = from->m_offered;
    m_peerOffered = from->m_peerOffered;
    m_isInitiator = from->m_isInitiator;
    m_localNonce = from->m_localNonce;
    m_mobilityTimeout = from->m_mobilityTimeout;
    m_congestionPolicy = from->m_congestionPolicy;
    m_inOutage = from->m_inOutage;
    m_outageStart = from->m_outageStart;
    m_snapshot = from->m_snapshot;
    m_retainedTimeouts = from->m_retainedTimeouts;
    m_ignoredResets = from->m_ignoredResets;
    m_establishedTime = from->m_establishedTime;
    m_rejects = from->m_rejects;
    m_changeRetries = from->m_changeRetries;
    m_resetTimerAfterChange = from->m_resetTimerAfterChange;
    m_addressKnownToPeer = from->m_addressKnownToPeer;
    m_changeSequence = from->m_changeSequence;
    m_announceTransmissions = from->m_announceTransmissions;
    m_peerSequence = from->m_peerSequence;
    m_lastAcceptedUpdate = from->m_lastAcceptedUpdate;
    m_lastConfirm = from->m_lastConfirm;
    from->m_announceEvent.Cancel();
    from->m_exchangeEvent.Cancel();
    from->m_pendingUpdate = nullptr;

    // Running timers continue on this socket with the time they had left.
    if (from->m_retxEvent.IsRunning())
    {
        m_retxEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_retxEvent),
                                          &RelocatableTcpSocket::ReTxTimeout,
                                          this);
    }
    if (from->m_persistEvent.IsRunning())
    {
        m_persistEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_persistEvent),
                                             &RelocatableTcpSocket::PersistTimeout,
                                             this);
    }
    if (from->m_delAckEvent.IsRunning())
    {
        m_delAckEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_delAckEvent),
                                            &RelocatableTcpSocket::DelAckTimeout,
                                            this);
    }
    if (from->m_lastAckEvent.IsRunning())
    {
        m_lastAckEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_lastAckEvent),
                                             &RelocatableTcpSocket::LastAckTimeout,
                                             this);
    }
    if (from->m_sendPendingDataEvent.IsRunning())
    {
        m_sendPendingDataEvent =
            Simulator::Schedule(Simulator::GetDelayLeft(from->m_sendPendingDataEvent),
                                &RelocatableTcpSocket::SendPendingData,
                                this,
                                m_connected);
    }

    LeaveTuple(from->m_endPoint->GetLocalAddress(),
               from->m_endPoint->GetLocalPort(),
               from->m_endPoint->GetPeerAddress(),
               from->m_endPoint->GetPeerPort());

    // The token now names this socket.
    uint64_t token = from->m_token;
    from->UnregisterToken();
    if (token != 0)
    {
        RegisterToken(token);
    }

    // Release the old socket without FIN or RST; it keeps no share of the
    // connection. TcpSocketBase schedules events on raw pointers, so keep it
    // alive until the events of this instant have run.
    from->CancelAllTimers();
    from->m_txBuffer = CreateObject<TcpTxBuffer>();
    from->m_tcb->m_rxBuffer = CreateObject<TcpRxBuffer>();
    from->DeallocateEndPoint();
    from->m_state = CLOSED;
    from->m_connected = false;
    from->m_closeNotified = true;
    Simulator::ScheduleNow([from]() {});
    CompleteRelocation(SOURCE, before);
}

void
RelocatableTcpSocket::CompleteFork(Ptr<Packet> p,
                                   const TcpHeader& tcpHeader,
                                   const Address& fromAddress,
                                   const Address& toAddress)
{
    ProcessSynOptions(tcpHeader);
    TcpSocketBase::CompleteFork(p, tcpHeader, fromAddress, toAddress);
}

void
RelocatableTcpSocket::DoForwardUp(Ptr<Packet> packet,
                                  const Address& fromAddress,
                                  const Address& toAddress)
{
    // Read the flags from the raw header: deserializing a TcpHeader (its
    // options are objects) for every segment would cost more than all the
    // rest of this hook; only the rare segments that need it are parsed.
    uint8_t raw[MobilityDemux::TCP_FLAGS_OFFSET + 1];
    uint8_t flags = 0;
    if (packet->CopyData(raw, sizeof(raw)) == sizeof(raw))
    {
        flags = raw[MobilityDemux::TCP_FLAGS_OFFSET];
    }

    if ((flags & TcpHeader::SYN) && (flags & TcpHeader::ACK) && m_state == SYN_SENT)
    {
        TcpHeader header;
        packet->PeekHeader(header);
        ProcessSynOptions(header);
    }
    if ((flags & TcpHeader::RST) && (m_inOutage || m_changePending) && IsRetentionActive())
    {
        NS_LOG_INFO("ignoring RST from " << fromAddress << " during "
                                         << (m_changePending ? "a pending change" : "an outage"));
        TcpHeader header;
        packet->PeekHeader(header);
        ++m_ignoredResets;
        m_resetIgnoredTrace(header);
        return;
    }

    TcpStates_t before = m_state;
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);

    if (m_changePending && !(flags & TcpHeader::RST))
    {
        // A segment reached us on the current 4-tuple: both ends agree on it.
        m_changePending = false;
    }
    if (before != ESTABLISHED && m_state == ESTABLISHED)
    {
        m_establishedTime = Simulator::Now();
        m_addressKnownToPeer = m_endPoint->GetLocalAddress();
        NotifyEstablished();
    }
}

void
RelocatableTcpSocket::NewAck(const SequenceNumber32& ack, bool resetRTO)
{
    if (m_inOutage)
    {
        NS_LOG_INFO("outage over: new ACK " << ack);
        m_inOutage = false;
    }
    TcpSocketBase::NewAck(ack, resetRTO);
}

void
RelocatableTcpSocket::ReTxTimeout()
{
    NS_LOG_FUNCTION(this);
    bool retaining = IsRetentionActive() && m_txBuffer->Size() > 0;
    if (retaining)
    {
        if (!m_inOutage)
        {
            // The timer that just expired was armed m_rto ago.
            m_inOutage = true;
            m_outageStart = Simulator::Now() - m_rto.Get();
            m_snapshot.cWnd = m_tcb->m_cWnd;
            m_snapshot.ssThresh = m_tcb->m_ssThresh;
            m_snapshot.valid = true;
            m_outageTrace(m_outageStart);
        }
        if (m_dataRetrCount == 0)
        {
            if (Simulator::Now() - m_outageStart < m_mobilityTimeout)
            {
                ++m_retainedTimeouts;
                m_dataRetrCount = 1; // one more try; checked again at the next expiry
            }
            else
            {
                NS_LOG_INFO("mobility timeout: outage began at " << m_outageStart.As(Time::S));
                m_mobilityTimeoutTrace();
            }
        }
    }

    TcpSocketBase::ReTxTimeout();

    if (retaining && m_dataRetrCount == 0 && m_retxEvent.IsRunning())
    {
        // Retries are exhausted: do not wait past the retention deadline.
        Time deadline = m_outageStart + m_mobilityTimeout;
        if (Simulator::Now() + Simulator::GetDelayLeft(m_retxEvent) > deadline)
        {
            m_retxEvent.Cancel();
            m_retxEvent = Simulator::Schedule(Max(deadline - Simulator::Now(), Seconds(0)),
                                              &RelocatableTcpSocket::ReTxTimeout,
                                              this);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The in-band change exchange

namespace
{
/**
 * \param bytes a control message's bytes
 * \param[out] header the message, parsed
 */
void
Parse(const std::vector<uint8_t>& bytes, MobilityControlHeader& header)
{
    Create<Packet>(bytes.data(), bytes.size())->PeekHeader(header);
}
} // namespace

void
RelocatableTcpSocket::DeliverControl(MobilityControlHeader::MessageType type,
                                     Ptr<Packet> payload,
                                     Ipv4Address source,
                                     uint16_t sourcePort)
{
    std::unique_ptr<AddressUpdateHeader> update = CreateUpdateHeader();
    std::unique_ptr<AddressConfirmHeader> confirm = CreateConfirmHeader();
    if (update && type == update->GetMessageType())
    {
        HandleUpdate(payload, source, sourcePort);
    }
    else if (confirm && type == confirm->GetMessageType())
    {
        HandleConfirm(payload, source);
    }
    else
    {
        ReceiveOtherControl(type, payload, source, sourcePort);
    }
}

void
RelocatableTcpSocket::AnnounceChange()
{
    NS_LOG_FUNCTION(this);
    std::unique_ptr<AddressUpdateHeader> update = CreateUpdateHeader();
    NS_ABORT_MSG_IF(!update, "this scheme has no in-band change exchange");
    m_announceEvent.Cancel();
    update->SetToken(GetToken());
    update->SetSequence(++m_changeSequence);
    update->SetOldAddress(m_addressKnownToPeer);
    update->SetNewAddress(m_endPoint->GetLocalAddress());
    update->SetNewPort(m_endPoint->GetLocalPort());
    Time delay = AuthenticateMessage(*update);
    m_pendingUpdate = Create<Packet>();
    m_pendingUpdate->AddHeader(*update);
    m_announceAttempts = 0;
    m_announceEvent = Simulator::Schedule(delay, &RelocatableTcpSocket::TransmitAnnouncement, this);
}

void
RelocatableTcpSocket::TransmitAnnouncement()
{
    if (!IsAlive() || !m_pendingUpdate)
    {
        return;
    }
    if (m_announceAttempts > m_changeRetries)
    {
        NS_LOG_WARN("change " << m_changeSequence << " not confirmed after " << m_announceAttempts
                              << " transmissions");
        m_pendingUpdate = nullptr;
        m_changeFailedTrace();
        return;
    }
    SendControlSegment(m_pendingUpdate->Copy());
    if (m_announceAttempts == 0)
    {
        NotifyChangeAnnounced();
    }
    ++m_announceTransmissions;
    std::unique_ptr<AddressUpdateHeader> sent = CreateUpdateHeader();
    m_pendingUpdate->PeekHeader(*sent);
    NotifyUpdateSent(*sent);
    Time timeout = ControlRetransmitTimeout(m_announceAttempts);
    ++m_announceAttempts;
    m_announceEvent =
        Simulator::Schedule(timeout, &RelocatableTcpSocket::TransmitAnnouncement, this);
}

void
RelocatableTcpSocket::HandleUpdate(Ptr<Packet> payload, Ipv4Address source, uint16_t sourcePort)
{
    std::unique_ptr<AddressUpdateHeader> update = CreateUpdateHeader();
    const auto type = update->GetMessageType();
    if (!ReadControl(payload, *update))
    {
        return;
    }
    std::vector<uint8_t> bytes = MobilityControlHeader::PeekRawBytes(payload, *update);
    uint32_t sequence = update->GetSequence();
    if (m_lastConfirm && sequence == m_peerSequence && bytes == m_lastAcceptedUpdate)
    {
        // Our confirmation was lost and the mover retransmitted: answer again.
        TransmitConfirm();
        return;
    }
    if (sequence == m_verifyingSequence)
    {
        return; // a retransmission arriving while the original is being authenticated
    }
    if (sequence <= m_peerSequence)
    {
        return Reject(type, REPLAYED);
    }
    if (source != update->GetNewAddress() || sourcePort != update->GetNewPort() ||
        update->GetOldAddress() != m_endPoint->GetPeerAddress())
    {
        return Reject(type, ADDRESS_MISMATCH);
    }
    if (!CanAuthenticate())
    {
        return Reject(type, NO_KEY); // the answer could not be authenticated
    }
    Time delay;
    RejectReason reason;
    if (!CheckAuthenticity(*update, delay, reason))
    {
        return Reject(type, reason);
    }
    m_verifyingSequence = sequence;
    m_exchangeEvent = Simulator::Schedule(delay, &RelocatableTcpSocket::AcceptUpdate, this, bytes);
}

void
RelocatableTcpSocket::AcceptUpdate(std::vector<uint8_t> message)
{
    std::unique_ptr<AddressUpdateHeader> update = CreateUpdateHeader();
    Parse(message, *update);
    NS_LOG_FUNCTION(this << *update);
    m_verifyingSequence = 0;
    if (!IsAlive() || update->GetSequence() <= m_peerSequence)
    {
        return;
    }
    if (!RelocatePeer(update->GetNewAddress(), update->GetNewPort()))
    {
        return Reject(update->GetMessageType(), ADDRESS_MISMATCH);
    }
    m_peerSequence = update->GetSequence();
    m_lastAcceptedUpdate = message;
    NotifyUpdateAccepted(*update);

    std::unique_ptr<AddressConfirmHeader> confirm = CreateConfirmHeader();
    confirm->SetToken(GetToken());
    confirm->SetSequence(update->GetSequence());
    confirm->SetNewAddress(update->GetNewAddress());
    confirm->SetNewPort(update->GetNewPort());
    Time delay = AuthenticateMessage(*confirm);
    m_lastConfirm = Create<Packet>();
    m_lastConfirm->AddHeader(*confirm);
    // The paper's ordering rule: answer first, then resume sending.
    m_exchangeEvent = Simulator::Schedule(delay, [this]() {
        TransmitConfirm();
        if (m_resetTimerAfterChange && IsAlive())
        {
            RestartTransmission();
        }
    });
}

void
RelocatableTcpSocket::TransmitConfirm()
{
    if (!IsAlive() || !m_lastConfirm)
    {
        return;
    }
    SendControlSegment(m_lastConfirm->Copy());
    std::unique_ptr<AddressConfirmHeader> sent = CreateConfirmHeader();
    m_lastConfirm->PeekHeader(*sent);
    NotifyConfirmSent(*sent);
}

void
RelocatableTcpSocket::HandleConfirm(Ptr<Packet> payload, Ipv4Address source)
{
    std::unique_ptr<AddressConfirmHeader> confirm = CreateConfirmHeader();
    const auto type = confirm->GetMessageType();
    if (!ReadControl(payload, *confirm))
    {
        return;
    }
    if (!m_pendingUpdate || confirm->GetSequence() != m_changeSequence)
    {
        return Reject(type, confirm->GetSequence() <= m_changeSequence ? REPLAYED : UNEXPECTED);
    }
    if (confirm->GetNewAddress() != m_endPoint->GetLocalAddress() ||
        confirm->GetNewPort() != m_endPoint->GetLocalPort() ||
        source != m_endPoint->GetPeerAddress())
    {
        return Reject(type, ADDRESS_MISMATCH);
    }
    Time delay;
    RejectReason reason;
    if (!CheckAuthenticity(*confirm, delay, reason))
    {
        return Reject(type, reason);
    }
    std::vector<uint8_t> bytes = MobilityControlHeader::PeekRawBytes(payload, *confirm);
    m_exchangeEvent = Simulator::Schedule(delay, &RelocatableTcpSocket::AcceptConfirm, this, bytes);
}

void
RelocatableTcpSocket::AcceptConfirm(std::vector<uint8_t> message)
{
    std::unique_ptr<AddressConfirmHeader> confirm = CreateConfirmHeader();
    Parse(message, *confirm);
    NS_LOG_FUNCTION(this << *confirm);
    if (!IsAlive() || !m_pendingUpdate || confirm->GetSequence() != m_changeSequence)
    {
        return;
    }
    m_pendingUpdate = nullptr;
    m_announceEvent.Cancel();
    m_addressKnownToPeer = confirm->GetNewAddress();
    NotifyConfirmAccepted(*confirm);
    NotifyChangeConfirmed();
    if (m_resetTimerAfterChange)
    {
        RestartTransmission();
    }
}

} // namespace ns3
