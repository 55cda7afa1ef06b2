/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dhcp-client-preset.h"

#include "scenario-parameters.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/dhcp-client.h"
#include "ns3/dhcp-helper.h"
#include "ns3/double.h"
#include "ns3/ipv4.h"
#include "ns3/mobile-dhcp-client.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/node.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"

#include <algorithm>

namespace ns3
{

std::vector<std::string>
DhcpClientPreset::Names()
{
    return {"android", "rfc", "ns3"};
}

std::string
DhcpClientPreset::Validate(const std::string& name, bool dnav4)
{
    using scenario_parameters::Bad;
    std::vector<std::string> names = Names();
    if (name == "fast")
    {
        return Bad("addressPreset",
                   "'fast' is gone: it was no real client (10 ms offer wait, 1 s retry); use "
                   "android (AOSP's timers) or rfc",
                   name);
    }
    if (std::find(names.begin(), names.end(), name) == names.end())
    {
        return Bad("addressPreset", "must be android, rfc or ns3", name);
    }
    if (dnav4 && name == "ns3")
    {
        return Bad("dnav4",
                   "needs addressPreset android or rfc (ns-3's DhcpClient has no DNAv4)",
                   "true");
    }
    return "";
}

DhcpClientPreset::DhcpClientPreset(const std::string& name)
{
    NS_ABORT_MSG_UNLESS(Validate(name, false).empty(), Validate(name, false));
    if (name == "ns3")
    {
        m_ns3Client = true;
        m_collect = Seconds(5); // DhcpClient's default
    }
    else if (name == "rfc")
    {
        m_collect = MilliSeconds(500);
        m_initialRetransmit = Seconds(4);
        m_maxRetransmit = Seconds(64);
        m_jitter = Seconds(1);
    }
    else // android: AOSP DhcpClient FIRST_TIMEOUT_MS, MAX_TIMEOUT_MS, jitterTimer()
    {
        m_collect = Seconds(0);
        m_initialRetransmit = Seconds(2);
        m_maxRetransmit = Seconds(128);
        m_jitter = Seconds(0);
        m_jitterShare = 0.1;
    }
}

void
DhcpClientPreset::SetCollect(Time collect)
{
    m_collect = collect;
}

void
DhcpClientPreset::SetDnav4(bool dnav4)
{
    NS_ABORT_MSG_IF(dnav4 && m_ns3Client, "ns-3's DhcpClient has no DNAv4");
    m_dnav4 = dnav4;
}

void
DhcpClientPreset::PrepareInterface(Ptr<NetDevice> device)
{
    Ptr<Node> node = device->GetNode();
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4, "DhcpClientPreset: the device's node has no IPv4 stack");
    int32_t interface = ipv4->GetInterfaceForDevice(device);
    if (interface < 0)
    {
        interface = ipv4->AddInterface(device);
    }
    ipv4->SetMetric(interface, 1);
    ipv4->SetUp(interface);
    Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
    Ptr<NetDeviceQueueInterface> queues = device->GetObject<NetDeviceQueueInterface>();
    if (tc && queues && !tc->GetRootQueueDiscOnDevice(device))
    {
        TrafficControlHelper::Default(queues->GetNTxQueues()).Install(device);
    }
}

Ptr<Application>
DhcpClientPreset::Install(Ptr<NetDevice> device) const
{
    if (m_ns3Client)
    {
        DhcpHelper helper;
        helper.SetClientAttribute("Collect", TimeValue(m_collect));
        return helper.InstallDhcpClient(device).Get(0);
    }
    PrepareInterface(device);
    Ptr<MobileDhcpClient> client = CreateObject<MobileDhcpClient>(device);
    client->SetAttribute("Collect", TimeValue(m_collect));
    client->SetAttribute("InitialRetransmit", TimeValue(m_initialRetransmit));
    client->SetAttribute("MaxRetransmit", TimeValue(m_maxRetransmit));
    client->SetAttribute("RetransmitJitter", TimeValue(m_jitter));
    client->SetAttribute("RetransmitJitterShare", DoubleValue(m_jitterShare));
    client->SetAttribute("Dnav4", BooleanValue(m_dnav4));
    device->GetNode()->AddApplication(client);
    return client;
}

int64_t
DhcpClientPreset::AssignStreams(Ptr<Application> client, int64_t stream)
{
    if (Ptr<MobileDhcpClient> mobile = DynamicCast<MobileDhcpClient>(client))
    {
        return mobile->AssignStreams(stream);
    }
    Ptr<DhcpClient> ns3Client = DynamicCast<DhcpClient>(client);
    NS_ABORT_MSG_UNLESS(ns3Client, "DhcpClientPreset::AssignStreams: not a DHCP client");
    return ns3Client->AssignStreams(stream);
}

} // namespace ns3
