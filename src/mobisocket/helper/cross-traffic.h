/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CROSS_TRAFFIC_H
#define CROSS_TRAFFIC_H

#include "ns3/application-container.h"
#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/ssid.h"
#include "ns3/vector.h"
#include "ns3/wifi-helper.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class PacketSink;

/**
 * \ingroup mobisocket
 * \brief Load on access points: a static station next to each chosen AP,
 *        and a downlink flow to it from a server behind the router.
 *
 * The flow is a constant-rate UDP stream (OnOffApplication, always on,
 * 1000-byte datagrams) or a TCP bulk transfer (BulkSendApplication) that
 * never ends. Either way it loads what a mobile host joining the AP shares:
 * the AP's transmit queue and the channel's air time. The stations have a
 * static address (.250 of the AP's /24, outside the DHCP pool) and a
 * default route through the AP; they never move.
 */
class CrossTraffic
{
  public:
    /// What each station receives.
    enum Kind
    {
        NONE, //!< no cross traffic
        UDP,  //!< constant-rate UDP
        TCP   //!< TCP bulk transfer
    };

    /**
     * \param name none | udp | tcp
     * \param[out] kind the kind
     * \return whether the name is known
     */
    static bool Parse(const std::string& name, Kind& kind);

    /**
     * \param list comma-separated AP numbers (1-based); "" for every AP
     * \param apCount APs in the domain
     * \param[out] aps the AP numbers, ascending, without repeats
     * \return "" if valid, else what is wrong
     */
    static std::string ParseAps(const std::string& list,
                                uint32_t apCount,
                                std::vector<uint32_t>& aps);

    /**
     * \param kind what the stations receive
     * \param aps the numbers of the APs that get a station (ParseAps)
     * \param udpRate the UDP rate per station (kind UDP)
     * \param start when the flows start
     */
    CrossTraffic(Kind kind, const std::vector<uint32_t>& aps, DataRate udpRate, Time start);

    /**
     * \param apNumber an AP's number (1-based)
     * \return whether that AP gets a station
     */
    bool Loads(uint32_t apNumber) const;

    /**
     * \brief The server the flows come from: a node on the router's side.
     * \param server the node (with an IPv4 stack and a route to every AP subnet)
     */
    void SetServer(Ptr<Node> server);

    /**
     * \brief Place a station next to an AP and start its flow.
     * \param apNumber the AP's number (1-based; names the flow)
     * \param wifi the helper the APs were installed with
     * \param phy the PHY helper, set to the AP's channel
     * \param ssid the AP's SSID
     * \param position where the station stands
     * \param subnet the AP's subnet (a /24)
     * \param gateway the AP's address on it
     * \return the station's WiFi device
     */
    Ptr<NetDevice> AddStation(uint32_t apNumber,
                              WifiHelper& wifi,
                              WifiPhyHelper& phy,
                              const Ssid& ssid,
                              const Vector& position,
                              Ipv4Address subnet,
                              Ipv4Address gateway);

    /**
     * \param apNumber an AP's number
     * \return the bytes its station received (0 if it has none)
     */
    uint64_t ReceivedBytes(uint32_t apNumber) const;

  private:
    Kind m_kind;                                 //!< what the stations receive
    std::vector<uint32_t> m_aps;                 //!< the APs that get a station
    DataRate m_udpRate;                          //!< UDP rate per station
    Time m_start;                                //!< flows start
    Ptr<Node> m_server;                          //!< where the flows come from
    std::map<uint32_t, Ptr<PacketSink>> m_sinks; //!< per AP number
};

} // namespace ns3

#endif // CROSS_TRAFFIC_H
