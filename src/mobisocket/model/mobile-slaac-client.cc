/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobile-slaac-client.h"

#include "ns3-compat.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobileSlaacClient");

NS_OBJECT_ENSURE_REGISTERED(MobileSlaacClient);

namespace
{
/// An RA prefix lifetime meaning "infinite" (RFC 4861 section 4.6.2).
constexpr uint32_t INFINITE_LIFETIME = 0xffffffff;
/// Size of the fixed IPv6 header (RFC 8200 section 3).
constexpr uint32_t IPV6_HEADER_SIZE = 40;
/// Offset of its Next Header field.
constexpr uint32_t IPV6_NEXT_HEADER_OFFSET = 6;
/// The prefix length SLAAC uses with EUI-64 interface identifiers.
constexpr uint8_t SLAAC_PREFIX_LENGTH = 64;
} // namespace

TypeId
MobileSlaacClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MobileSlaacClient")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<MobileSlaacClient>()
            .AddAttribute(
                "DadMode",
                "Duplicate address detection: On (use the address once DAD has "
                "passed, RFC 4862), Optimistic (use it at once, RFC 4429) or Off.",
                EnumValue(MobileSlaacClient::DAD_ON),
                MakeEnumAccessorOf<MobileSlaacClient::DadMode>(&MobileSlaacClient::m_dadMode),
                MakeEnumChecker(MobileSlaacClient::DAD_ON,
                                "On",
                                MobileSlaacClient::DAD_OPTIMISTIC,
                                "Optimistic",
                                MobileSlaacClient::DAD_OFF,
                                "Off"))
            .AddAttribute("DadTimeout",
                          "How long DAD takes: DupAddrDetectTransmits x RetransTimer "
                          "(RFC 4862 section 5.4; 1 x 1 s by default). Sets the node's "
                          "Icmpv6L4Protocol DadTimeout.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&MobileSlaacClient::m_dadTimeout),
                          MakeTimeChecker())
            .AddAttribute("SolicitationDelayMax",
                          "The first Router Solicitation after link up waits a uniform "
                          "time in [0, this] (RFC 4861 MAX_RTR_SOLICITATION_DELAY).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&MobileSlaacClient::m_solicitationDelayMax),
                          MakeTimeChecker())
            .AddAttribute("SolicitationInterval",
                          "Time between Router Solicitations without an answer (RFC 4861 "
                          "RTR_SOLICITATION_INTERVAL).",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&MobileSlaacClient::m_solicitationInterval),
                          MakeTimeChecker())
            .AddAttribute("MaxSolicitations",
                          "Router Solicitations sent after a link up at most (RFC 4861 "
                          "MAX_RTR_SOLICITATIONS).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&MobileSlaacClient::m_maxSolicitations),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("OldAddressHold",
                          "How long the previous address stays after the new one became "
                          "usable (0: once the connections have moved, at the same instant).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&MobileSlaacClient::m_oldAddressHold),
                          MakeTimeChecker())
            .AddTraceSource("RouterSolicitationSent",
                            "A Router Solicitation was sent.",
                            MakeTraceSourceAccessor(&MobileSlaacClient::m_solicitationTrace),
                            "ns3::MobileSlaacClient::SolicitationTracedCallback")
            .AddTraceSource("RouterAdvertisementReceived",
                            "A Router Advertisement with a prefix arrived.",
                            MakeTraceSourceAccessor(&MobileSlaacClient::m_advertisementTrace),
                            "ns3::MobileSlaacClient::AdvertisementTracedCallback")
            .AddTraceSource("AddressTentative",
                            "A global address was configured; DAD starts.",
                            MakeTraceSourceAccessor(&MobileSlaacClient::m_tentativeTrace),
                            "ns3::MobileSlaacClient::AddressTracedCallback")
            .AddTraceSource("AddressPreferred",
                            "DAD passed: the address is preferred.",
                            MakeTraceSourceAccessor(&MobileSlaacClient::m_preferredTrace),
                            "ns3::MobileSlaacClient::AddressTracedCallback")
            .AddTraceSource("AddressUsable",
                            "The station may use the address (after DAD with DadMode On).",
                            MakeTraceSourceAccessor(&MobileSlaacClient::m_usableTrace),
                            "ns3::MobileSlaacClient::AddressTracedCallback")
            .AddTraceSource("AddressRetired",
                            "The previous address and its default route were removed.",
                            MakeTraceSourceAccessor(&MobileSlaacClient::m_retiredTrace),
                            "ns3::MobileSlaacClient::AddressTracedCallback");
    return tid;
}

MobileSlaacClient::MobileSlaacClient()
    : m_delay(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

MobileSlaacClient::~MobileSlaacClient()
{
    NS_LOG_FUNCTION(this);
}

void
MobileSlaacClient::SetDevice(Ptr<NetDevice> device)
{
    m_device = device;
}

Ptr<NetDevice>
MobileSlaacClient::GetDevice() const
{
    return m_device;
}

Ipv6Address
MobileSlaacClient::GetAddress() const
{
    return m_usable;
}

int64_t
MobileSlaacClient::AssignStreams(int64_t stream)
{
    m_delay->SetStream(stream);
    return 1;
}

void
MobileSlaacClient::DoDispose()
{
    m_solicitEvent.Cancel();
    m_device = nullptr;
    m_ipv6 = nullptr;
    m_delay = nullptr;
    Application::DoDispose();
}

void
MobileSlaacClient::CheckConfiguration() const
{
    NS_ABORT_MSG_IF(!m_device, "MobileSlaacClient: no device (SetDevice)");
    NS_ABORT_MSG_IF(m_device->GetNode() != GetNode(),
                    "MobileSlaacClient: the device belongs to another node");
    NS_ABORT_MSG_IF(!m_ipv6 || m_ipv6->GetInterfaceForDevice(m_device) < 0,
                    "MobileSlaacClient: node " << GetNode()->GetId()
                                               << " has no IPv6 interface on the device");
    // (ns-3's Time::IsNegative() means "<= 0".)
    NS_ABORT_MSG_IF(m_dadTimeout < Seconds(0) || m_solicitationDelayMax < Seconds(0) ||
                        m_oldAddressHold < Seconds(0),
                    "MobileSlaacClient: DadTimeout, SolicitationDelayMax and OldAddressHold "
                    "must not be negative");
    NS_ABORT_MSG_IF(m_solicitationInterval <= Seconds(0) || m_maxSolicitations == 0,
                    "MobileSlaacClient: SolicitationInterval must be positive and "
                    "MaxSolicitations at least 1");
}

void
MobileSlaacClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
    CheckConfiguration();
    m_interface = m_ipv6->GetInterfaceForDevice(m_device);

    Ptr<Icmpv6L4Protocol> icmpv6 = GetNode()->GetObject<Icmpv6L4Protocol>();
    icmpv6->SetAttribute("DAD", BooleanValue(m_dadMode != DAD_OFF));
    icmpv6->SetAttribute("DadTimeout", TimeValue(m_dadTimeout));
    // ns-3 times its RS retransmissions from the first RS's simulation time
    // (SendRS), not from the RS: this client retransmits instead.
    icmpv6->SetAttribute("RsMaxRetransmissionDuration", TimeValue(NanoSeconds(1)));

    m_ipv6->GetInterface(m_interface)
        ->AddAddressCallback(MakeCallback(&MobileSlaacClient::AddressAdded, this));
    m_ipv6->TraceConnectWithoutContext("Rx", MakeCallback(&MobileSlaacClient::IpReceived, this));
    if (!m_linkCallbackSet)
    {
        // A NetDevice cannot forget a link-change callback: m_running gates it.
        m_device->AddLinkChangeCallback(MakeCallback(&MobileSlaacClient::LinkChanged, this));
        m_linkCallbackSet = true;
    }
    m_running = true;
    LinkChanged();
}

void
MobileSlaacClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    m_solicitEvent.Cancel();
    if (m_ipv6)
    {
        m_ipv6->GetInterface(m_interface)
            ->AddAddressCallback(
                MakeNullCallback<void, Ptr<Ipv6Interface>, Ipv6InterfaceAddress>());
        m_ipv6->TraceDisconnectWithoutContext("Rx",
                                              MakeCallback(&MobileSlaacClient::IpReceived, this));
    }
}

void
MobileSlaacClient::LinkChanged()
{
    if (!m_running)
    {
        return;
    }
    m_solicitEvent.Cancel();
    if (!m_device->IsLinkUp())
    {
        NS_LOG_INFO("link down");
        return;
    }
    m_advertised = false;
    Time delay = Seconds(m_delay->GetValue(0, m_solicitationDelayMax.GetSeconds()));
    NS_LOG_INFO("link up: Router Solicitation in " << delay.As(Time::MS));
    m_solicitEvent = Simulator::Schedule(delay, &MobileSlaacClient::Solicit, this, 0);
}

void
MobileSlaacClient::Solicit(uint32_t attempt)
{
    if (m_advertised || !m_device->IsLinkUp())
    {
        return;
    }
    Ptr<Ipv6Interface> interface = m_ipv6->GetInterface(m_interface);
    GetNode()->GetObject<Icmpv6L4Protocol>()->SendRS(interface->GetLinkLocalAddress().GetAddress(),
                                                     Ipv6Address::GetAllRoutersMulticast(),
                                                     m_device->GetAddress());
    m_solicitationTrace(attempt);
    if (attempt + 1 < m_maxSolicitations)
    {
        m_solicitEvent = Simulator::Schedule(m_solicitationInterval,
                                             &MobileSlaacClient::Solicit,
                                             this,
                                             attempt + 1);
    }
}

void
MobileSlaacClient::IpReceived(Ptr<const Packet> packet, Ptr<Ipv6> /* ipv6 */, uint32_t interface)
{
    if (interface != m_interface)
    {
        return;
    }
    // Every packet the station receives passes here: read the next header
    // and the ICMPv6 type in place, and copy only Router Advertisements (an
    // ICMPv6 next header means no extension header before the type).
    uint8_t fixed[IPV6_HEADER_SIZE + 1];
    if (packet->CopyData(fixed, sizeof(fixed)) != sizeof(fixed) ||
        fixed[IPV6_NEXT_HEADER_OFFSET] != Icmpv6L4Protocol::PROT_NUMBER ||
        fixed[IPV6_HEADER_SIZE] != Icmpv6Header::ICMPV6_ND_ROUTER_ADVERTISEMENT)
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    Ipv6Header ip;
    copy->RemoveHeader(ip);
    Icmpv6RA ra;
    copy->RemoveHeader(ra);
    // The options, as Icmpv6L4Protocol::HandleRA walks them: type, then
    // length in units of 8 bytes.
    uint8_t option[2];
    while (copy->GetSize() >= 2 && copy->CopyData(option, 2) == 2 && option[1] > 0 &&
           copy->GetSize() >= option[1] * 8U)
    {
        if (option[0] == Icmpv6Header::ICMPV6_OPT_PREFIX)
        {
            Icmpv6OptionPrefixInformation prefix;
            copy->RemoveHeader(prefix);
            bool finite = prefix.GetValidTime() != INFINITE_LIFETIME ||
                          prefix.GetPreferredTime() != INFINITE_LIFETIME;
            m_prefixes[prefix.GetPrefix()] = {ip.GetSource(), finite};
            m_advertised = true;
            m_solicitEvent.Cancel();
            NS_LOG_INFO("RA from " << ip.GetSource() << ": prefix " << prefix.GetPrefix());
            m_advertisementTrace(ip.GetSource(), prefix.GetPrefix());
            continue;
        }
        copy->RemoveAtStart(option[1] * 8U);
    }
}

void
MobileSlaacClient::AddressAdded(Ptr<Ipv6Interface> /* interface */, Ipv6InterfaceAddress address)
{
    if (!m_running || address.GetScope() != Ipv6InterfaceAddress::GLOBAL)
    {
        return;
    }
    Ipv6Address added = address.GetAddress();
    NS_LOG_INFO("address " << added << " added (tentative)");
    m_tentativeTrace(added);
    // ns-3 marks it preferred DadTimeout after the add (at once without
    // DAD); look just after its own event, which was scheduled first.
    Time dad = m_dadMode == DAD_OFF ? Seconds(0) : m_dadTimeout;
    Simulator::Schedule(dad, [this, added]() {
        Simulator::ScheduleNow(&MobileSlaacClient::CheckPreferred, this, added);
    });
    if (m_dadMode != DAD_ON)
    {
        MakeUsable(added);
    }
}

void
MobileSlaacClient::CheckPreferred(Ipv6Address address)
{
    if (!m_running)
    {
        return;
    }
    Ptr<Ipv6Interface> interface = m_ipv6->GetInterface(m_interface);
    for (uint32_t i = 0; i < interface->GetNAddresses(); ++i)
    {
        Ipv6InterfaceAddress held = interface->GetAddress(i);
        if (held.GetAddress() != address)
        {
            continue;
        }
        if (held.GetState() == Ipv6InterfaceAddress::PREFERRED)
        {
            m_preferredTrace(address);
            if (m_dadMode == DAD_ON)
            {
                MakeUsable(address);
            }
        }
        else
        {
            NS_LOG_WARN("address " << address << " did not pass DAD (state " << held.GetState()
                                   << ")");
        }
        return;
    }
    NS_LOG_INFO("address " << address << " was removed before DAD ended");
}

void
MobileSlaacClient::MakeUsable(Ipv6Address address)
{
    if (address == m_usable)
    {
        return;
    }
    Ipv6Address previous = m_usable;
    m_usable = address;
    NS_LOG_INFO("address " << address << " usable");
    m_usableTrace(address);
    if (!previous.IsAny() && previous != address)
    {
        Simulator::Schedule(m_oldAddressHold, &MobileSlaacClient::Retire, this, previous);
    }
}

void
MobileSlaacClient::Retire(Ipv6Address address)
{
    if (!m_running || address == m_usable)
    {
        return; // the station came back to that prefix meanwhile
    }
    Ipv6Address prefix = address.CombinePrefix(Ipv6Prefix(SLAAC_PREFIX_LENGTH));
    auto it = m_prefixes.find(prefix);
    if (it == m_prefixes.end() || it->second.finiteLifetime)
    {
        // Removing a prefix whose lifetime timers run stops ns-3 ("Event is
        // still running while destroying"): the address stays until it expires.
        NS_LOG_WARN("address " << address
                               << " kept: its prefix was not advertised with infinite "
                                  "lifetimes, which ns-3 needs to remove it");
        return;
    }
    m_ipv6->RemoveAutoconfiguredAddress(m_interface,
                                        prefix,
                                        Ipv6Prefix(SLAAC_PREFIX_LENGTH),
                                        it->second.router);
    m_prefixes.erase(it);
    NS_LOG_INFO("address " << address << " retired");
    m_retiredTrace(address);
}

} // namespace ns3
