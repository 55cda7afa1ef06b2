/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DHCP_CLIENT_PRESET_H
#define DHCP_CLIENT_PRESET_H

#include "ns3/application.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief A named DHCPv4 client configuration for a roaming station: which
 *        client runs and its timers (the scenario's addressPreset).
 *
 * - `android`: MobileDhcpClient with the timers of AOSP's DhcpClient (first
 *   offer taken at once; retransmission after 2 s, doubling to 128 s, each
 *   delay +/-10 % of itself).
 * - `rfc`: MobileDhcpClient with RFC 2131 section 4.1 retransmission (4 s,
 *   doubling to 64 s, +/-1 s) and 500 ms between the first offer and the
 *   REQUEST, which stands in for the server's address-conflict check behind
 *   the 518 ms acquisition measured by Forte, Shin and Schulzrinne
 *   (GLOBECOM 2006): ns-3's DhcpServer answers at once.
 * - `ns3`: ns-3's own DhcpClient with its defaults (Collect 5 s, RTRS 5 s,
 *   ReRequest 10 s), for comparison with what ns-3 does out of the box.
 *
 * Every MobileDhcpClient preset gives up an unanswered REQUEST after 4
 * retransmissions (RFC 2131 section 3.1) and may test remembered networks
 * by DNAv4 (RFC 4436) first; ns-3's client cannot.
 */
class DhcpClientPreset
{
  public:
    /// \return the preset names, in the order they are documented
    static std::vector<std::string> Names();

    /**
     * \brief Check a preset name and options.
     * \param name the preset name
     * \param dnav4 whether DNAv4 is wanted
     * \return "" if valid, else a message naming the bad parameter
     */
    static std::string Validate(const std::string& name, bool dnav4);

    /**
     * \brief The preset of a name.
     * \param name a name that Validate() accepts
     */
    explicit DhcpClientPreset(const std::string& name);

    /**
     * \brief Replace the time the client waits for further offers.
     * \param collect the time (>= 0)
     */
    void SetCollect(Time collect);

    /**
     * \brief Test remembered networks by DNAv4 on link up.
     * \param dnav4 whether to (only with a MobileDhcpClient preset)
     */
    void SetDnav4(bool dnav4);

    /**
     * \brief Bring the device's IPv4 interface up and install the client on
     *        the device's node, as ns-3's DhcpHelper::InstallDhcpClient does.
     * \param device the station's device (on a node with an IPv4 stack)
     * \return the client, an Application with the NewLease and ExpireLease
     *         trace sources of ns-3's DhcpClient
     */
    Ptr<Application> Install(Ptr<NetDevice> device) const;

    /**
     * \brief Fix the random streams of a client this class installed.
     * \param client the client
     * \param stream the first stream index
     * \return the number of streams used
     */
    static int64_t AssignStreams(Ptr<Application> client, int64_t stream);

  private:
    /// Bring the device's IPv4 interface up (with default traffic control).
    static void PrepareInterface(Ptr<NetDevice> device);

    bool m_ns3Client{false};  //!< ns-3's DhcpClient instead of MobileDhcpClient
    Time m_collect;           //!< wait for further offers after the first
    Time m_initialRetransmit; //!< MobileDhcpClient InitialRetransmit
    Time m_maxRetransmit;     //!< MobileDhcpClient MaxRetransmit
    Time m_jitter;            //!< MobileDhcpClient RetransmitJitter
    double m_jitterShare{0};  //!< MobileDhcpClient RetransmitJitterShare
    bool m_dnav4{false};      //!< MobileDhcpClient Dnav4
};

} // namespace ns3

#endif // DHCP_CLIENT_PRESET_H
