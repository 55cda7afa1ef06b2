/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "wired-handover-topology.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/ns3-compat.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketWiredHandoverTopology");

namespace
{
/// Metric of the default route through a link that is not the active one.
constexpr uint32_t BACKUP_METRIC = 10;

/**
 * \param host host index
 * \param link link index
 * \return the base address of the host's subnet on the link
 */
Ipv4Address
SubnetOf(uint32_t host, uint32_t link)
{
    std::ostringstream os;
    os << "10." << host + 1 << "." << link + 1 << ".0";
    return Ipv4Address(os.str().c_str());
}

/**
 * \param host host index
 * \param link link index
 * \return the router's address on the host's link
 */
Ipv4Address
GatewayOf(uint32_t host, uint32_t link)
{
    return Ipv4Address(SubnetOf(host, link).Get() + 1);
}

/**
 * \brief Remove the default routes through an interface.
 * \param routing the host's static routing
 * \param interface the interface
 */
void
RemoveDefaultRoutes(Ptr<Ipv4StaticRouting> routing, uint32_t interface)
{
    for (uint32_t i = routing->GetNRoutes(); i-- > 0;)
    {
        Ipv4RoutingTableEntry route = routing->GetRoute(i);
        if (route.IsDefault() && route.GetInterface() == interface)
        {
            routing->RemoveRoute(i);
        }
    }
}
} // namespace

const Ipv4Address WiredHandoverTopology::ATTACKER_ADDRESS("10.9.1.2");

WiredHandoverTopology::WiredHandoverTopology(DataRate rate, Time delay)
    : m_rate(rate),
      m_delay(delay)
{
    m_hosts.Create(2);
    m_router = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(m_hosts);
    stack.Install(m_router);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));

    Ptr<Ipv4> routerIp = m_router->GetObject<Ipv4>();
    for (uint32_t h = 0; h < 2; ++h)
    {
        Ptr<Ipv4> hostIp = m_hosts.Get(h)->GetObject<Ipv4>();
        hostIp->SetAttribute("IpForward", BooleanValue(false));
        for (uint32_t l = 0; l < 2; ++l)
        {
            NetDeviceContainer devices = p2p.Install(m_hosts.Get(h), m_router);
            m_devices[h][l] = devices.Get(0);
            m_routerDevices[h][l] = devices.Get(1);

            // One blocker per link, on the receive side of both ends.
            Ptr<RateErrorModel> blocker = CreateObject<RateErrorModel>();
            blocker->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            blocker->SetRate(1.0);
            blocker->Disable();
            for (uint32_t side = 0; side < 2; ++side)
            {
                DynamicCast<PointToPointNetDevice>(devices.Get(side))
                    ->SetReceiveErrorModel(blocker);
            }
            m_blockers[h][l] = blocker;

            int32_t ri = routerIp->AddInterface(m_routerDevices[h][l]);
            routerIp->AddAddress(ri, Ipv4InterfaceAddress(GatewayOf(h, l), "255.255.255.0"));
            routerIp->SetUp(ri);
            int32_t hi = hostIp->AddInterface(m_devices[h][l]);
            hostIp->SetUp(hi);
        }
        // Start attached to link 0 only.
        uint32_t interface = GetInterface(Host(h), 0);
        hostIp->AddAddress(interface,
                           Ipv4InterfaceAddress(GetAddress(Host(h), 0), "255.255.255.0"));
        m_attached[h][0] = true;
        m_attached[h][1] = false;
        Ipv4StaticRoutingHelper().GetStaticRouting(hostIp)->SetDefaultRoute(GatewayOf(h, 0),
                                                                            interface);
    }
}

Ptr<Node>
WiredHandoverTopology::GetHost(Host host) const
{
    return m_hosts.Get(host);
}

Ptr<Node>
WiredHandoverTopology::GetRouter() const
{
    return m_router;
}

NodeContainer
WiredHandoverTopology::GetHosts() const
{
    return m_hosts;
}

Ptr<Node>
WiredHandoverTopology::AddAttacker()
{
    if (m_attacker)
    {
        return m_attacker;
    }
    m_attacker = CreateObject<Node>();
    InternetStackHelper().Install(m_attacker);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_rate));
    p2p.SetChannelAttribute("Delay", TimeValue(m_delay));
    NetDeviceContainer devices = p2p.Install(m_attacker, m_router);
    Ptr<Ipv4> routerIp = m_router->GetObject<Ipv4>();
    int32_t ri = routerIp->AddInterface(devices.Get(1));
    Ipv4Address gateway(ATTACKER_ADDRESS.Get() - 1);
    routerIp->AddAddress(ri, Ipv4InterfaceAddress(gateway, "255.255.255.0"));
    routerIp->SetUp(ri);
    Ptr<Ipv4> ip = m_attacker->GetObject<Ipv4>();
    int32_t interface = ip->AddInterface(devices.Get(0));
    ip->AddAddress(interface, Ipv4InterfaceAddress(ATTACKER_ADDRESS, "255.255.255.0"));
    ip->SetUp(interface);
    Ipv4StaticRoutingHelper().GetStaticRouting(ip)->SetDefaultRoute(gateway, interface);
    return m_attacker;
}

Ipv4Address
WiredHandoverTopology::GetAddress(Host host, uint32_t link) const
{
    NS_ABORT_MSG_IF(host > CH || link > 1, "WiredHandoverTopology: no such host or link");
    return Ipv4Address(SubnetOf(host, link).Get() + 2);
}

Ptr<NetDevice>
WiredHandoverTopology::GetDevice(Host host, uint32_t link) const
{
    NS_ABORT_MSG_IF(host > CH || link > 1, "WiredHandoverTopology: no such host or link");
    return m_devices[host][link];
}

uint32_t
WiredHandoverTopology::GetActiveLink(Host host) const
{
    return m_activeLink.at(host);
}

uint32_t
WiredHandoverTopology::GetInterface(Host host, uint32_t link) const
{
    return m_hosts.Get(host)->GetObject<Ipv4>()->GetInterfaceForDevice(m_devices[host][link]);
}

void
WiredHandoverTopology::SetLinkUp(Host host, uint32_t link, bool up)
{
    NS_LOG_INFO("host " << host << " link " << link << (up ? " up" : " down"));
    if (up)
    {
        m_blockers[host][link]->Disable();
    }
    else
    {
        m_blockers[host][link]->Enable();
    }
}

void
WiredHandoverTopology::SetAddressChangeCallback(
    Callback<void, uint32_t, Ipv4Address, Ipv4Address> callback)
{
    m_addressChange = callback;
}

void
WiredHandoverTopology::SetLinkLossCallback(Callback<void, uint32_t> callback)
{
    m_linkLoss = callback;
}

void
WiredHandoverTopology::Attach(Host host, uint32_t link)
{
    if (m_attached[host][link])
    {
        return;
    }
    Ptr<Ipv4> ipv4 = m_hosts.Get(host)->GetObject<Ipv4>();
    uint32_t interface = GetInterface(host, link);
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(GetAddress(host, link), "255.255.255.0"));
    ipv4->SetUp(interface);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(ipv4)->SetDefaultRoute(GatewayOf(host, link),
                                                    interface,
                                                    BACKUP_METRIC);
    m_attached[host][link] = true;
    NS_LOG_INFO("host " << host << " attached to link " << link << " as "
                        << GetAddress(host, link));
}

void
WiredHandoverTopology::Detach(Host host, uint32_t link)
{
    Ptr<Ipv4> ipv4 = m_hosts.Get(host)->GetObject<Ipv4>();
    uint32_t interface = GetInterface(host, link);
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    RemoveDefaultRoutes(routing, interface);
    ipv4->RemoveAddress(interface, GetAddress(host, link));
    m_attached[host][link] = false;
}

void
WiredHandoverTopology::ScheduleHandover(Host host, Time start, Time outage)
{
    NS_ABORT_MSG_IF(host > CH, "WiredHandoverTopology: no such host");
    ScheduleLambda(start, [this, host]() {
        SetLinkUp(host, m_activeLink[host], false);
        if (!m_linkLoss.IsNull())
        {
            m_linkLoss(host);
        }
    });
    Simulator::Schedule(start + outage, &WiredHandoverTopology::CompleteHandover, this, host);
}

void
WiredHandoverTopology::CompleteHandover(Host host)
{
    uint32_t oldLink = m_activeLink[host];
    uint32_t newLink = 1 - oldLink;
    Ptr<Ipv4> ipv4 = m_hosts.Get(host)->GetObject<Ipv4>();
    uint32_t interface = GetInterface(host, newLink);

    // New address and route first, then remove the old ones (an interface
    // without addresses must not be the target of a route).
    SetLinkUp(host, newLink, true);
    if (!m_attached[host][newLink])
    {
        ipv4->AddAddress(interface,
                         Ipv4InterfaceAddress(GetAddress(host, newLink), "255.255.255.0"));
        ipv4->SetUp(interface);
        m_attached[host][newLink] = true;
    }
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    RemoveDefaultRoutes(routing, interface);
    routing->SetDefaultRoute(GatewayOf(host, newLink), interface);
    Detach(host, oldLink);
    m_activeLink[host] = newLink;
    NS_LOG_INFO("host " << host << " moved from " << GetAddress(host, oldLink) << " to "
                        << GetAddress(host, newLink));
    if (!m_addressChange.IsNull())
    {
        m_addressChange(host, GetAddress(host, oldLink), GetAddress(host, newLink));
    }
}

} // namespace ns3
