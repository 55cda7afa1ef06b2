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
#include "ns3-compat.h"
#include "ns3-version.h"
#include "tcp-socket-list.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/rtt-estimator.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketRelocatableTcpSocket");

NS_OBJECT_ENSURE_REGISTERED(RelocatableTcpSocket);

namespace
{
/// Offset of the flags byte in a TCP header (RFC 9293, section 3.1).
constexpr uint32_t TCP_FLAGS_OFFSET = 13;
} // namespace

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
                "What happens to cWnd, ssThresh and the RTT estimate when an address changes.",
                EnumValue(RelocatableTcpSocket::RESET_TO_INITIAL),
                MakeEnumAccessorOf<RelocatableTcpSocket::CongestionPolicy>(
                    &RelocatableTcpSocket::m_congestionPolicy),
                MakeEnumChecker(RelocatableTcpSocket::RESTORE_PRE_OUTAGE,
                                "RestorePreOutage",
                                RelocatableTcpSocket::RESET_TO_INITIAL,
                                "ResetToInitial",
                                RelocatableTcpSocket::UNCHANGED,
                                "Unchanged"))
            .AddAttribute("QuickAckAfterIdle",
                          "Acknowledge at once the first data segment that arrives after more "
                          "than an RTO without data, as Linux does (quick-ack mode, "
                          "tcp_event_data_recv). ns-3's TcpSocketBase delays it by "
                          "DelAckTimeout, which after a handover's one-segment restart stalls "
                          "the sender for that long.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RelocatableTcpSocket::m_quickAckAfterIdle),
                          MakeBooleanChecker())
            .AddAttribute("QuickAcksAfterMove",
                          "After an address change of either end, acknowledge this many data "
                          "segments at once, as Linux does for a connection's first data "
                          "(quick-ack mode, TCP_MAX_QUICKACKS = 16), since the path is new "
                          "and the sender restarts with one segment. 0: ns-3's delayed "
                          "ACK throughout, which holds that segment's ACK for "
                          "DelAckTimeout (200 ms).",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RelocatableTcpSocket::m_quickAcksAfterMove),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CongestionPolicyOnCopy",
                          "Also apply CongestionPolicy when a connection moves to another "
                          "socket (CopyTcb). Off by default: the paper's copyTCB copies CWND, "
                          "AWND and RTO as they are.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RelocatableTcpSocket::m_policyOnCopy),
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
      m_mobilityTimeout(other.m_mobilityTimeout),
      m_congestionPolicy(other.m_congestionPolicy),
      m_policyOnCopy(other.m_policyOnCopy),
      m_quickAckAfterIdle(other.m_quickAckAfterIdle),
      m_quickAcksAfterMove(other.m_quickAcksAfterMove)
{
    NS_LOG_FUNCTION(this);
}

RelocatableTcpSocket::~RelocatableTcpSocket()
{
    NS_LOG_FUNCTION(this);
}

void
RelocatableTcpSocket::DoDispose()
{
    TcpSocketBase::DoDispose();
}

// ---------------------------------------------------------------------------------------------
// The layout the field-by-field copy was written for

bool
RelocatableTcpSocket::TcbLayout::operator==(const TcbLayout& other) const
{
    return ns3Version == other.ns3Version && tcpSocketBase == other.tcpSocketBase &&
           tcpSocketState == other.tcpSocketState;
}

RelocatableTcpSocket::TcbLayout
RelocatableTcpSocket::GetBuildLayout()
{
    return {GetNs3Version(), sizeof(TcpSocketBase), sizeof(TcpSocketState)};
}

std::vector<RelocatableTcpSocket::TcbLayout>
RelocatableTcpSocket::GetReviewedLayouts()
{
    // CopyConnectionState() was checked, field by field, against these
    // releases' tcp-socket-base.h and tcp-socket-state.h (GCC, x86-64 / LP64
    // sizes). ns-3.35 declares the same members as ns-3.37 in both headers
    // (and has the same sizes); it is built with waf, without the tests.
    return {{"ns-3.35", 1256, 448}, {"ns-3.37", 1256, 448}, {"ns-3.48", 1400, 552}};
}

// ---------------------------------------------------------------------------------------------
// State

TcpSocket::TcpStates_t
RelocatableTcpSocket::GetState() const
{
    return m_state.Get();
}

bool
RelocatableTcpSocket::IsSynchronized() const
{
    if (!HasEndpoint())
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

bool
RelocatableTcpSocket::IsSendingHeld() const
{
    return m_sendingHeld;
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

IpAddress
RelocatableTcpSocket::GetLocalAddress() const
{
    return GetTuple().localAddress;
}

uint16_t
RelocatableTcpSocket::GetLocalPort() const
{
    return GetTuple().localPort;
}

IpAddress
RelocatableTcpSocket::GetPeerAddress() const
{
    return GetTuple().peerAddress;
}

uint16_t
RelocatableTcpSocket::GetPeerPort() const
{
    return GetTuple().peerPort;
}

IpAddress::Family
RelocatableTcpSocket::GetFamily() const
{
    return IsIpv6() ? IpAddress::IPV6 : IpAddress::IPV4;
}

RelocatableTcpSocket::CongestionState
RelocatableTcpSocket::GetCongestionState() const
{
    CongestionState state;
    state.cWnd = m_tcb->m_cWnd;
    state.ssThresh = m_tcb->m_ssThresh;
    state.rto = m_rto;
    state.rttEstimate = m_rtt->GetEstimate();
    return state;
}

Address
RelocatableTcpSocket::GetLocalSocketAddress() const
{
    Tuple tuple = GetTuple();
    return tuple.localAddress.ToSocketAddress(tuple.localPort);
}

Address
RelocatableTcpSocket::GetPeerSocketAddress() const
{
    Tuple tuple = GetTuple();
    return tuple.peerAddress.ToSocketAddress(tuple.peerPort);
}

bool
RelocatableTcpSocket::IsIpv6() const
{
    return m_endPoint6 != nullptr;
}

bool
RelocatableTcpSocket::HasEndpoint() const
{
    return m_endPoint != nullptr || m_endPoint6 != nullptr;
}

void
RelocatableTcpSocket::SetErrno(SocketErrno error) const
{
    m_errno = error;
}

// ---------------------------------------------------------------------------------------------
// Hooks of the subclasses (default: plain TCP)

bool
RelocatableTcpSocket::IsRetentionActive() const
{
    return false;
}

bool
RelocatableTcpSocket::IsFamilySupported(IpAddress::Family family) const
{
    return family == IpAddress::IPV4;
}

void
RelocatableTcpSocket::NotifyEstablished()
{
}

void
RelocatableTcpSocket::AddSynOptions(TcpHeader& /* header */) const
{
}

void
RelocatableTcpSocket::ReadSynOptions(const TcpHeader& /* header */)
{
}

void
RelocatableTcpSocket::NotifySegmentArrived(Ptr<const Packet> /* packet */, uint8_t /* flags */)
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
    if (relocatable && relocatable->IsFamilySupported(relocatable->GetFamily()))
    {
        // TcpSocketBase fires its Tx trace with the header it is about to pass
        // to TcpL4Protocol::SendPacket, a non-const local variable.
        relocatable->AddSynOptions(const_cast<TcpHeader&>(header));
    }
}

// ---------------------------------------------------------------------------------------------
// Timers and addresses

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

Ptr<NetDevice>
RelocatableTcpSocket::GetDeviceForAddress(const IpAddress& address) const
{
    if (address.IsIpv6())
    {
        Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
        int32_t interface = ipv6 ? ipv6->GetInterfaceForAddress(address.GetIpv6()) : -1;
        return interface < 0 ? nullptr : ipv6->GetNetDevice(interface);
    }
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    int32_t interface = ipv4 ? ipv4->GetInterfaceForAddress(address.GetIpv4()) : -1;
    return interface < 0 ? nullptr : ipv4->GetNetDevice(interface);
}

// ---------------------------------------------------------------------------------------------
// The endpoint: the only functions that know ns-3 keeps IPv4 and IPv6 apart

RelocatableTcpSocket::Tuple
RelocatableTcpSocket::GetTuple() const
{
    if (m_endPoint6 != nullptr)
    {
        return {m_endPoint6->GetLocalAddress(),
                m_endPoint6->GetLocalPort(),
                m_endPoint6->GetPeerAddress(),
                m_endPoint6->GetPeerPort()};
    }
    if (m_endPoint != nullptr)
    {
        return {m_endPoint->GetLocalAddress(),
                m_endPoint->GetLocalPort(),
                m_endPoint->GetPeerAddress(),
                m_endPoint->GetPeerPort()};
    }
    return {};
}

void
RelocatableTcpSocket::SetEndpointLocalAddress(const IpAddress& address)
{
    if (m_endPoint6 != nullptr)
    {
        m_endPoint6->SetLocalAddress(address.GetIpv6());
    }
    else
    {
        m_endPoint->SetLocalAddress(address.GetIpv4());
    }
}

void
RelocatableTcpSocket::SetEndpointPeer(const IpAddress& address, uint16_t port)
{
    if (m_endPoint6 != nullptr)
    {
        m_endPoint6->SetPeer(address.GetIpv6(), port);
    }
    else
    {
        m_endPoint->SetPeer(address.GetIpv4(), port);
    }
}

namespace
{
/**
 * \brief Make a socket's endpoint pointer point to a new endpoint and
 *        release the old one without tearing the socket down (deleting an
 *        endpoint calls its destroy callback).
 * \tparam EndPoint Ipv4EndPoint or Ipv6EndPoint
 * \param tcp the node's TCP
 * \param current the socket's endpoint pointer
 * \param fresh the new endpoint (null: nothing changes)
 * \return false if fresh is null
 */
template <class EndPoint>
bool
SwapEndpoint(Ptr<TcpL4Protocol> tcp, EndPoint*& current, EndPoint* fresh)
{
    if (fresh == nullptr)
    {
        return false;
    }
    EndPoint* old = current;
    old->SetDestroyCallback(MakeNullCallback<void>());
    current = fresh;
    tcp->DeAllocate(old);
    return true;
}
} // namespace

bool
RelocatableTcpSocket::ReplaceEndpoint(Ptr<NetDevice> device, const Tuple& t)
{
    bool swapped = IsIpv6() ? SwapEndpoint(m_tcp,
                                           m_endPoint6,
                                           m_tcp->Allocate6(device,
                                                            t.localAddress.GetIpv6(),
                                                            t.localPort,
                                                            t.peerAddress.GetIpv6(),
                                                            t.peerPort))
                            : SwapEndpoint(m_tcp,
                                           m_endPoint,
                                           m_tcp->Allocate(device,
                                                           t.localAddress.GetIpv4(),
                                                           t.localPort,
                                                           t.peerAddress.GetIpv4(),
                                                           t.peerPort));
    if (swapped)
    {
        SetupCallback();
    }
    return swapped;
}

bool
RelocatableTcpSocket::CanAllocate(const Tuple& t) const
{
    if (t.localAddress.IsIpv6())
    {
        Ipv6EndPoint* probe = m_tcp->Allocate6(m_boundnetdevice,
                                               t.localAddress.GetIpv6(),
                                               t.localPort,
                                               t.peerAddress.GetIpv6(),
                                               t.peerPort);
        if (probe != nullptr)
        {
            m_tcp->DeAllocate(probe);
        }
        return probe != nullptr;
    }
    Ipv4EndPoint* probe = m_tcp->Allocate(m_boundnetdevice,
                                          t.localAddress.GetIpv4(),
                                          t.localPort,
                                          t.peerAddress.GetIpv4(),
                                          t.peerPort);
    if (probe != nullptr)
    {
        m_tcp->DeAllocate(probe);
    }
    return probe != nullptr;
}

bool
RelocatableTcpSocket::IsTupleInUse(const IpAddress& localAddress,
                                   uint16_t localPort,
                                   const IpAddress& peerAddress,
                                   uint16_t peerPort) const
{
    // Ask ns-3's endpoint table by the rule Connect() obeys: allocate the
    // 4-tuple and release it (one pass over the endpoints, where comparing
    // the names of every socket cost O(sockets) Address objects per move).
    // This socket's own endpoint must not count.
    const Tuple probe{localAddress, localPort, peerAddress, peerPort};
    const Tuple own = GetTuple();
    bool ownHasIt = HasEndpoint() && own.localAddress == localAddress &&
                    own.localPort == localPort && own.peerAddress == peerAddress &&
                    own.peerPort == peerPort;
    auto self = const_cast<RelocatableTcpSocket*>(this);
    if (ownHasIt)
    {
        self->SetEndpointPeer(IpAddress::GetAny(peerAddress.GetFamily()), 0);
    }
    bool free = CanAllocate(probe);
    if (ownHasIt)
    {
        self->SetEndpointPeer(peerAddress, peerPort);
    }
    return !free;
}

bool
RelocatableTcpSocket::IsPortInUse(const IpAddress& address, uint16_t port) const
{
    const IpAddress any = IpAddress::GetAny(address.GetFamily());
    for (Ptr<TcpSocketBase> other : GetTcpSockets<TcpSocketBase>(m_node))
    {
        Address name;
        uint16_t otherPort = 0;
        if (PeekPointer(other) == this || other->GetSockName(name) != 0)
        {
            continue;
        }
        std::optional<IpAddress> local = IpAddress::FromSocketAddress(name, otherPort);
        if (local && otherPort == port && (*local == address || *local == any))
        {
            return true;
        }
    }
    return false;
}

bool
RelocatableTcpSocket::PrepareEndpointFor(const IpAddress& peerAddress, uint16_t peerPort)
{
    SetEndpointPeer(peerAddress, peerPort);
    if (GetTuple().localAddress.IsAny() && (IsIpv6() ? SetupEndpoint6() : SetupEndpoint()) != 0)
    {
        ClearEndpointPeer();
        return false;
    }
    return true;
}

void
RelocatableTcpSocket::ClearEndpointPeer()
{
    SetEndpointPeer(IpAddress::GetAny(GetFamily()), 0);
}

// ---------------------------------------------------------------------------------------------
// Relocation

bool
RelocatableTcpSocket::RelocateLocal(const IpAddress& address, uint16_t port)
{
    NS_LOG_FUNCTION(this << address << port);
    NS_ASSERT(HasEndpoint() && address.GetFamily() == GetFamily());
    const Tuple old = GetTuple();
    Tuple moved = old;
    moved.localAddress = address;
    moved.localPort = (port == 0) ? old.localPort : port;
    Ptr<NetDevice> device = m_boundnetdevice ? GetDeviceForAddress(address) : nullptr;
    Address before = GetLocalSocketAddress();

    if (IsTupleInUse(moved.localAddress, moved.localPort, moved.peerAddress, moved.peerPort))
    {
        m_errno = ERROR_ADDRINUSE;
        return false;
    }
    if (moved.localPort != old.localPort)
    {
        if (!ReplaceEndpoint(device, moved))
        {
            m_errno = ERROR_ADDRINUSE;
            return false;
        }
    }
    else
    {
        SetEndpointLocalAddress(address);
    }
    if (m_boundnetdevice && device != m_boundnetdevice)
    {
        BindToNetDevice(device);
    }
    LeaveTuple(old);
    NS_LOG_INFO("local endpoint " << old.localAddress << ":" << old.localPort << " -> " << address
                                  << ":" << moved.localPort);
    ApplyCongestionPolicy();
    // The paper's ordering rule: the mover starts sending once it has the
    // peer's answer (RestartTransmission) or its own timer says so.
    m_sendingHeld = true;
    CompleteRelocation(SOURCE, before);
    return true;
}

bool
RelocatableTcpSocket::RelocatePeer(const IpAddress& address, uint16_t port)
{
    NS_LOG_FUNCTION(this << address << port);
    NS_ASSERT(HasEndpoint() && address.GetFamily() == GetFamily());
    const Tuple old = GetTuple();
    uint16_t newPort = (port == 0) ? old.peerPort : port;
    if (IsTupleInUse(old.localAddress, old.localPort, address, newPort))
    {
        m_errno = ERROR_ADDRINUSE;
        return false;
    }
    Address before = GetPeerSocketAddress();
    SetEndpointPeer(address, newPort);
    LeaveTuple(old);
    NS_LOG_INFO("peer endpoint " << old.peerAddress << ":" << old.peerPort << " -> " << address
                                 << ":" << newPort);
    ApplyCongestionPolicy();
    CompleteRelocation(DESTINATION, before);
    return true;
}

void
RelocatableTcpSocket::LeaveTuple(const Tuple& left)
{
    Ptr<MobilityDemux> demux = m_node->GetObject<MobilityDemux>();
    if (!demux)
    {
        return;
    }
    demux->AddTombstone(left.localAddress,
                        left.localPort,
                        left.peerAddress,
                        left.peerPort,
                        m_mobilityTimeout);
    const Tuple current = GetTuple();
    demux->ClearTombstone(current.localAddress,
                          current.localPort,
                          current.peerAddress,
                          current.peerPort);
}

void
RelocatableTcpSocket::CompleteRelocation(Direction direction, const Address& before)
{
    m_changePending = true;
    m_quickAcksLeft = m_quickAcksAfterMove;
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
    m_sendingHeld = false;
    m_timerFrozen = false;
    m_dataRetrCount = m_dataRetries;
    m_retxEvent.Cancel();
    m_rto = GetUnbackedRto();

    if (m_tcb->m_highTxMark.Get() > m_txBuffer->HeadSequence())
    {
        // The segments in flight were sent to a path that no longer exists
        // (nothing leaves while the mover holds its data): treat them as
        // lost, as an RTO would, but leave cWnd to the congestion policy and
        // do not back off.
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
RelocatableTcpSocket::FreezeRetransmissionTimer()
{
    if (IsEventPending(m_retxEvent))
    {
        m_retxEvent.Cancel();
        m_timerFrozen = true;
    }
}

void
RelocatableTcpSocket::DeferRetransmissionTimeout()
{
    m_timerFrozen = true;
}

bool
RelocatableTcpSocket::IsRetransmissionTimerFrozen() const
{
    return m_timerFrozen;
}

void
RelocatableTcpSocket::ThawRetransmissionTimer()
{
    if (m_timerFrozen && !IsEventPending(m_retxEvent))
    {
        m_retxEvent = Simulator::Schedule(m_rto, &RelocatableTcpSocket::ReTxTimeout, this);
    }
    m_timerFrozen = false;
}

void
RelocatableTcpSocket::ReceivedData(Ptr<Packet> packet, const TcpHeader& tcpHeader)
{
    if (packet->GetSize() > 0)
    {
        Time now = Simulator::Now();
        bool idle = m_quickAckAfterIdle && m_lastDataArrival.IsPositive() &&
                    now - m_lastDataArrival > m_rto.Get();
        if ((idle || m_quickAcksLeft > 0) && m_delAckMaxCount > 0)
        {
            NS_LOG_LOGIC("data after " << (now - m_lastDataArrival).As(Time::MS) << " without, "
                                       << m_quickAcksLeft
                                       << " quick ACKs left: acknowledged at once");
            m_delAckCount = m_delAckMaxCount - 1; // the base class's increment reaches the count
        }
        if (m_quickAcksLeft > 0)
        {
            --m_quickAcksLeft;
        }
        m_lastDataArrival = now;
    }
    TcpSocketBase::ReceivedData(packet, tcpHeader);
}

uint32_t
RelocatableTcpSocket::AvailableWindow() const
{
    return m_sendingHeld ? 0 : TcpSocketBase::AvailableWindow();
}

TcpHeader
RelocatableTcpSocket::SignallingHeader(uint8_t flags)
{
    TcpHeader header;
    header.SetFlags(flags);
    header.SetSequenceNumber(m_tcb->m_nextTxSequence);
    header.SetAckNumber(m_tcb->m_rxBuffer->NextRxSequence());
    const Tuple tuple = GetTuple();
    header.SetSourcePort(tuple.localPort);
    header.SetDestinationPort(tuple.peerPort);
    header.SetWindowSize(AdvertisedWindowSize());
    return header;
}

void
RelocatableTcpSocket::SendSignalling(Ptr<Packet> payload, TcpHeader& header)
{
    AddOptions(header);
    m_txTrace(payload, header, this);
    const Tuple tuple = GetTuple();
    m_tcp->SendPacket(payload,
                      header,
                      tuple.localAddress.ToAddress(),
                      tuple.peerAddress.ToAddress(),
                      m_boundnetdevice);
}

void
RelocatableTcpSocket::SendControlSegment(Ptr<Packet> payload)
{
    NS_LOG_FUNCTION(this << payload->GetSize());
    if (!HasEndpoint())
    {
        return;
    }
    TcpHeader header = SignallingHeader(TcpHeader::ACK | TcpHeader::URG);
    header.SetUrgentPointer(static_cast<uint16_t>(payload->GetSize()));
    SendSignalling(payload, header);
}

bool
RelocatableTcpSocket::SendOptionSegment(uint8_t flags, Ptr<const TcpOption> option)
{
    NS_LOG_FUNCTION(this << uint32_t(flags));
    if (!HasEndpoint())
    {
        return false;
    }
    TcpHeader header = SignallingHeader(flags);
    if (!header.AppendOption(option))
    {
        return false;
    }
    SendSignalling(Create<Packet>(), header);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Moving a connection to another socket (copyTCB)

void
RelocatableTcpSocket::TransferConnection(Ptr<RelocatableTcpSocket> from)
{
    NS_LOG_FUNCTION(this << from);
    NS_ASSERT(HasEndpoint() && from->HasEndpoint() && GetFamily() == from->GetFamily());
    Address before = from->GetLocalSocketAddress();
    CopyConnectionState(from);
    ContinueTimers(from);
    LeaveTuple(from->GetTuple());
    from->ReleaseWithoutClosing();
    if (m_policyOnCopy)
    {
        ApplyCongestionPolicy();
    }
    m_sendingHeld = true;
    CompleteRelocation(SOURCE, before);
}

void
RelocatableTcpSocket::CopyConnectionState(Ptr<RelocatableTcpSocket> from)
{
    // Shared objects move; the TCB fields are copied into this socket's own
    // TcpSocketState so that its trace sources stay wired to this socket.
    // Every protected field of TcpSocketBase and TcpSocketState that holds
    // connection state is listed; what is left out is per-socket plumbing
    // (node, TCP, endpoints, callbacks, trace sources, events, pacing timer,
    // bound device). Reviewed against GetReviewedLayouts().
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
#if MOBISOCKET_NS3_VERSION >= 346
    // ns-3.46: ABE, Alternative Backoff with ECN (RFC 8511; CHANGES.md "Changes
    // from ns-3.45 to ns-3.46", attribute TcpSocketBase::UseAbe).
    m_tcb->m_abeEnabled = src->m_abeEnabled;
#endif
#if MOBISOCKET_NS3_VERSION >= 347
    // ns-3.47: FACK, forward acknowledgement (CHANGES.md "Changes from
    // ns-3.46.1 to ns-3.47").
    m_tcb->m_fackAwnd = src->m_fackAwnd;
#endif
#if MOBISOCKET_NS3_VERSION >= 342
    // ns-3.42: whether the sender is cwnd-limited (ns-3 issue #966; CHANGES.md
    // "Changes from ns-3.41 to ns-3.42": CUBIC and Linux Reno no longer grow
    // the window when application-limited).
    m_tcb->m_isCwndLimited = src->m_isCwndLimited;
#endif
#if MOBISOCKET_NS3_VERSION >= 343
    // ns-3.43: the smoothed RTT kept apart from the last sample (CHANGES.md
    // "Changes from ns-3.42 to ns-3.43", trace source TcpSocketBase::LastRtt).
    m_tcb->m_srtt = src->m_srtt;
#endif

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
#if MOBISOCKET_NS3_VERSION >= 346
    m_useAbe = from->m_useAbe; // ns-3.46: ABE (above)
#endif
#if MOBISOCKET_NS3_VERSION >= 347
    // ns-3.47: FACK (above)
    m_fackEnabled = from->m_fackEnabled;
    m_sndFack = from->m_sndFack;
    m_outstandingRetransBytes = from->m_outstandingRetransBytes;
    m_fackAwnd = from->m_fackAwnd;
#endif

    m_mobilityTimeout = from->m_mobilityTimeout;
    m_congestionPolicy = from->m_congestionPolicy;
    m_policyOnCopy = from->m_policyOnCopy;
    m_quickAckAfterIdle = from->m_quickAckAfterIdle;
    m_quickAcksAfterMove = from->m_quickAcksAfterMove;
    m_quickAcksLeft = from->m_quickAcksLeft;
    m_lastDataArrival = from->m_lastDataArrival;
    m_inOutage = from->m_inOutage;
    m_outageStart = from->m_outageStart;
    m_snapshot = from->m_snapshot;
    m_timerFrozen = from->m_timerFrozen;
    m_retainedTimeouts = from->m_retainedTimeouts;
    m_ignoredResets = from->m_ignoredResets;
    m_establishedTime = from->m_establishedTime;
}

void
RelocatableTcpSocket::ContinueTimers(Ptr<RelocatableTcpSocket> from)
{
    if (IsEventPending(from->m_retxEvent))
    {
        m_retxEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_retxEvent),
                                          &RelocatableTcpSocket::ReTxTimeout,
                                          this);
    }
    if (IsEventPending(from->m_persistEvent))
    {
        m_persistEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_persistEvent),
                                             &RelocatableTcpSocket::PersistTimeout,
                                             this);
    }
    if (IsEventPending(from->m_delAckEvent))
    {
        m_delAckEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_delAckEvent),
                                            &RelocatableTcpSocket::DelAckTimeout,
                                            this);
    }
    if (IsEventPending(from->m_lastAckEvent))
    {
        m_lastAckEvent = Simulator::Schedule(Simulator::GetDelayLeft(from->m_lastAckEvent),
                                             &RelocatableTcpSocket::LastAckTimeout,
                                             this);
    }
    if (IsEventPending(from->m_sendPendingDataEvent))
    {
        m_sendPendingDataEvent =
            Simulator::Schedule(Simulator::GetDelayLeft(from->m_sendPendingDataEvent),
                                &RelocatableTcpSocket::SendPendingData,
                                this,
                                m_connected);
    }
}

void
RelocatableTcpSocket::ReleaseWithoutClosing()
{
    // This socket keeps no share of the connection. TcpSocketBase schedules
    // events on raw pointers, so keep it alive until the events of this
    // instant have run.
    CancelAllTimers();
    m_txBuffer = CreateObject<TcpTxBuffer>();
    m_tcb->m_rxBuffer = CreateObject<TcpRxBuffer>();
    DeallocateEndPoint();
    m_state = CLOSED;
    m_connected = false;
    m_closeNotified = true;
    m_sendingHeld = false;
    Ptr<RelocatableTcpSocket> self = this;
    ScheduleLambda(Seconds(0), [self]() {});
}

// ---------------------------------------------------------------------------------------------
// TcpSocketBase hooks

void
RelocatableTcpSocket::CompleteFork(Ptr<Packet> p,
                                   const TcpHeader& tcpHeader,
                                   const Address& fromAddress,
                                   const Address& toAddress)
{
    uint16_t port = 0;
    std::optional<IpAddress> from = IpAddress::FromSocketAddress(fromAddress, port);
    if (from && IsFamilySupported(from->GetFamily()))
    {
        ReadSynOptions(tcpHeader);
    }
    else
    {
        NS_LOG_INFO("connection from " << fromAddress << ": plain TCP (family not offered)");
    }
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
    uint8_t raw[TCP_FLAGS_OFFSET + 1];
    uint8_t flags = 0;
    if (packet->CopyData(raw, sizeof(raw)) == sizeof(raw))
    {
        flags = raw[TCP_FLAGS_OFFSET];
    }
    NotifySegmentArrived(packet, flags);

    if ((flags & TcpHeader::SYN) && (flags & TcpHeader::ACK) && m_state == SYN_SENT &&
        IsFamilySupported(GetFamily()))
    {
        TcpHeader header;
        packet->PeekHeader(header);
        ReadSynOptions(header);
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
    if (m_sendingHeld)
    {
        // The mover's own timer ends the hold: TCP probes the new path.
        NS_LOG_INFO("retransmission timer ends the hold on sending");
        m_sendingHeld = false;
    }
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

    if (retaining && m_dataRetrCount == 0 && IsEventPending(m_retxEvent))
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

} // namespace ns3
