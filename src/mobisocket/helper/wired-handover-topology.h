/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WIRED_HANDOVER_TOPOLOGY_H
#define WIRED_HANDOVER_TOPOLOGY_H

#include "ns3/data-rate.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief A minimal wired test bed for address changes: a mobile host (MH)
 *        and a correspondent host (CH) each reach a router R over two
 *        point-to-point access links, each link its own /24 subnet.
 *
 *         MH =link 0= R =link 0= CH
 *            =link 1=   =link 1=
 *
 * Host h (0 = MH, 1 = CH) uses subnet 10.(h+1).(l+1).0/24 on link l, with
 * the router at .1 and the host at .2. A host starts attached to link 0
 * only. Handover() models a break-before-make change of access network:
 * link 0 stops carrying packets (both directions) at the start of the
 * outage; at its end the host gets its address on the other link, a default
 * route through it, and loses the old address and route, in that order.
 * Attach() alone gives make-before-break (two usable links).
 *
 * Static routing; hosts do not forward. Everything is plain ns-3, so the
 * same topology runs plain TCP, MobiSocket and the baselines.
 */
class WiredHandoverTopology
{
  public:
    /// Host indices.
    enum Host
    {
        MH = 0, //!< the mobile host
        CH = 1  //!< the correspondent host (can move too)
    };

    /**
     * \brief Build the topology and install the Internet stack on it.
     * \param rate data rate of every link
     * \param delay one-way delay of every link
     */
    WiredHandoverTopology(DataRate rate = DataRate("10Mbps"), Time delay = MilliSeconds(5));

    /**
     * \param host MH or CH
     * \return the host's node
     */
    Ptr<Node> GetHost(Host host) const;
    /// \return the router
    Ptr<Node> GetRouter() const;
    /// \return MH and CH
    NodeContainer GetHosts() const;

    /**
     * \brief Add a third host on its own link to the router (the same rate
     *        and delay), address ATTACKER_ADDRESS, with a default route: an
     *        attacker's node (ChangeAttacker). Idempotent.
     * \return its node
     */
    Ptr<Node> AddAttacker();

    /// The address of the node AddAttacker() adds.
    static const Ipv4Address ATTACKER_ADDRESS;

    /**
     * \param host MH or CH
     * \param link 0 or 1
     * \return the address the host has (or gets) on that link
     */
    Ipv4Address GetAddress(Host host, uint32_t link) const;

    /**
     * \param host MH or CH
     * \param link 0 or 1
     * \return the host's device on that link
     */
    Ptr<NetDevice> GetDevice(Host host, uint32_t link) const;

    /**
     * \param host MH or CH
     * \return the link the host is attached to for its default route
     */
    uint32_t GetActiveLink(Host host) const;

    /**
     * \brief Schedule a break-before-make handover of a host to its other link.
     * \param host MH or CH
     * \param start when the current link stops carrying packets
     * \param outage how long until the host has its new address
     */
    void ScheduleHandover(Host host, Time start, Time outage);

    /**
     * \brief Give a host its address on a link now, with a default route of
     *        lower preference (make-before-break: both links usable).
     * \param host MH or CH
     * \param link 0 or 1
     */
    void Attach(Host host, uint32_t link);

    /**
     * \brief Start or stop carrying packets on a host's link.
     * \param host MH or CH
     * \param link 0 or 1
     * \param up false to drop every packet in both directions
     */
    void SetLinkUp(Host host, uint32_t link, bool up);

    /**
     * TracedCallback signature for address changes.
     * \param [in] host the host (0 = MH, 1 = CH)
     * \param [in] oldAddress the address it lost
     * \param [in] newAddress the address it got
     */
    typedef void (*AddressChangeTracedCallback)(uint32_t host,
                                                Ipv4Address oldAddress,
                                                Ipv4Address newAddress);

    /**
     * \brief Be told when a host's address changes (at the end of an outage).
     * \param callback called with (host, old address, new address)
     */
    void SetAddressChangeCallback(Callback<void, uint32_t, Ipv4Address, Ipv4Address> callback);

    /**
     * \brief Be told when a scheduled handover takes a host's link down.
     * \param callback called with the host index
     */
    void SetLinkLossCallback(Callback<void, uint32_t> callback);

  private:
    /**
     * \brief Complete a handover: move the host's address and default route.
     * \param host the host
     */
    void CompleteHandover(Host host);

    /**
     * \brief Remove a host's address and default route on a link.
     * \param host the host
     * \param link the link
     */
    void Detach(Host host, uint32_t link);

    /**
     * \param host the host
     * \param link the link
     * \return the host's IPv4 interface index for that link
     */
    uint32_t GetInterface(Host host, uint32_t link) const;

    NodeContainer m_hosts;                                        //!< MH, CH
    Ptr<Node> m_router;                                           //!< R
    std::array<std::array<Ptr<NetDevice>, 2>, 2> m_devices;       //!< [host][link] host side
    std::array<std::array<Ptr<NetDevice>, 2>, 2> m_routerDevices; //!< [host][link] router side
    std::array<std::array<Ptr<RateErrorModel>, 2>, 2> m_blockers; //!< [host][link], both ends
    std::array<uint32_t, 2> m_activeLink{0, 0};                   //!< per host
    std::array<std::array<bool, 2>, 2> m_attached{};              //!< [host][link]
    Callback<void, uint32_t, Ipv4Address, Ipv4Address> m_addressChange; //!< user callback
    Callback<void, uint32_t> m_linkLoss;                                //!< user callback
    DataRate m_rate;                                                    //!< of every link
    Time m_delay;                                                       //!< of every link
    Ptr<Node> m_attacker;                                               //!< AddAttacker()'s node
};

} // namespace ns3

#endif /* WIRED_HANDOVER_TOPOLOGY_H */
