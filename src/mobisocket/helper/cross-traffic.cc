/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cross-traffic.h"

#include "scenario-parameters.h"

#include "ns3/abort.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac-helper.h"

#include <algorithm>

namespace ns3
{

namespace
{
constexpr uint16_t CROSS_PORT = 9;            //!< the stations' sink port (discard)
constexpr uint32_t UDP_DATAGRAM_BYTES = 1000; //!< UDP payload per datagram
constexpr uint8_t STATION_HOST = 250;         //!< host part of a station's address
} // namespace

bool
CrossTraffic::Parse(const std::string& name, Kind& kind)
{
    static const std::map<std::string, Kind> kinds = {{"none", NONE}, {"udp", UDP}, {"tcp", TCP}};
    auto found = kinds.find(name);
    if (found == kinds.end())
    {
        return false;
    }
    kind = found->second;
    return true;
}

std::string
CrossTraffic::ParseAps(const std::string& list, uint32_t apCount, std::vector<uint32_t>& aps)
{
    aps.clear();
    if (list.empty())
    {
        for (uint32_t a = 1; a <= apCount; ++a)
        {
            aps.push_back(a);
        }
        return "";
    }
    std::vector<long> numbers;
    std::string error =
        scenario_parameters::ParseNumberList(list, 1, apCount, "an AP number", numbers);
    if (!error.empty())
    {
        return error;
    }
    aps.assign(numbers.begin(), numbers.end());
    std::sort(aps.begin(), aps.end());
    aps.erase(std::unique(aps.begin(), aps.end()), aps.end());
    return "";
}

CrossTraffic::CrossTraffic(Kind kind,
                           const std::vector<uint32_t>& aps,
                           DataRate udpRate,
                           Time start)
    : m_kind(kind),
      m_aps(aps),
      m_udpRate(udpRate),
      m_start(start)
{
}

bool
CrossTraffic::Loads(uint32_t apNumber) const
{
    return std::find(m_aps.begin(), m_aps.end(), apNumber) != m_aps.end();
}

void
CrossTraffic::SetServer(Ptr<Node> server)
{
    m_server = server;
}

Ptr<NetDevice>
CrossTraffic::AddStation(uint32_t apNumber,
                         WifiHelper& wifi,
                         WifiPhyHelper& phy,
                         const Ssid& ssid,
                         const Vector& position,
                         Ipv4Address subnet,
                         Ipv4Address gateway)
{
    NS_ABORT_MSG_IF(m_kind == NONE, "CrossTraffic: no kind of traffic chosen");
    NS_ABORT_MSG_UNLESS(m_server, "CrossTraffic: SetServer before AddStation");
    NS_ABORT_MSG_UNLESS(Loads(apNumber), "CrossTraffic: AP " << apNumber << " is not loaded");
    Ptr<Node> station = CreateObject<Node>();
    InternetStackHelper().Install(station);
    MobilityHelper fixed;
    fixed.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    fixed.Install(station);
    station->GetObject<MobilityModel>()->SetPosition(position);

    WifiMacHelper mac;
    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
    Ptr<NetDevice> device = wifi.Install(phy, mac, station).Get(0);
    Ptr<Ipv4> ipv4 = station->GetObject<Ipv4>();
    int32_t interface = ipv4->AddInterface(device);
    Ipv4Address address(subnet.Get() + STATION_HOST);
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, Ipv4Mask("255.255.255.0")));
    ipv4->SetMetric(interface, 1);
    ipv4->SetUp(interface);
    Ipv4StaticRoutingHelper().GetStaticRouting(ipv4)->SetDefaultRoute(gateway, interface);

    const bool udp = m_kind == UDP;
    const std::string factory = udp ? "ns3::UdpSocketFactory" : "ns3::TcpSocketFactory";
    InetSocketAddress destination(address, CROSS_PORT);
    ApplicationContainer sink =
        PacketSinkHelper(factory, InetSocketAddress(Ipv4Address::GetAny(), CROSS_PORT))
            .Install(station);
    m_sinks[apNumber] = DynamicCast<PacketSink>(sink.Get(0));
    ApplicationContainer source;
    if (udp)
    {
        OnOffHelper onOff(factory, destination);
        onOff.SetConstantRate(m_udpRate, UDP_DATAGRAM_BYTES);
        source = onOff.Install(m_server);
    }
    else
    {
        BulkSendHelper bulk(factory, destination);
        bulk.SetAttribute("MaxBytes", UintegerValue(0)); // never ends
        source = bulk.Install(m_server);
    }
    source.Start(m_start);
    return device;
}

uint64_t
CrossTraffic::ReceivedBytes(uint32_t apNumber) const
{
    auto found = m_sinks.find(apNumber);
    return found == m_sinks.end() ? 0 : found->second->GetTotalRx();
}

} // namespace ns3
