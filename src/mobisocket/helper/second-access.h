/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SECOND_ACCESS_H
#define SECOND_ACCESS_H

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/vector.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace ns3
{

class LteHelper;
class PointToPointEpcHelper;
class ScopedAttributeDefaults;

/**
 * \ingroup mobisocket
 * \brief A point-to-point link between the scenario's router and a node.
 */
struct RouterLink
{
    Ipv4Address routerAddress;    //!< router side
    Ipv4Address nodeAddress;      //!< node side
    uint32_t routerInterface;     //!< router's IPv4 interface
    uint32_t nodeInterface;       //!< node's IPv4 interface
    Ipv6Address routerAddress6;   //!< router side's IPv6 address (ipVersion=6; else ::)
    Ipv6Address nodeAddress6;     //!< node side's IPv6 address (ipVersion=6; else ::)
    uint32_t routerInterface6{0}; //!< router's IPv6 interface (ipVersion=6)
    uint32_t nodeInterface6{0};   //!< node's IPv6 interface (ipVersion=6)
};

/**
 * \ingroup mobisocket
 * \brief Connects a node to the scenario's router: (node, rate, one-way
 *        delay, the link's /24 subnet) -> the link.
 */
using RouterWiring =
    std::function<RouterLink(Ptr<Node>, DataRate, Time, const std::string& subnet)>;

/**
 * \ingroup mobisocket
 * \brief The mobile host's second access network, the target of an
 *        interface handover (CopyTcb from the WiFi socket to one bound to
 *        this interface).
 *
 * One class per kind of access (the secondAccess parameter, chosen once by
 * Create()): LteSecondAccess (ns-3's LTE/EPC model: an eNB, the EPC's
 * gateways, an LTE UE device on the MH) and LinkSecondAccess (a
 * point-to-point link that comes up a fixed time after it is asked to: the
 * stand-in of earlier versions, kept as a named option).
 *
 * Either way the MH's interface gets a default route of metric 10, second
 * choice behind the WiFi's (metric 0), once it is up.
 */
class SecondAccess
{
  public:
    /// What Create() needs (the scenario's parameters of the second access).
    struct Config
    {
        std::string kind{"lte"};     //!< lte | link
        double linkRateMbps{10};     //!< link: rate
        double linkDelayMs{25};      //!< link: one-way delay to the router
        double linkUpMs{200};        //!< link: time from BringUp to up
        uint32_t lteBandwidthRb{25}; //!< lte: resource blocks, up- and downlink
        Vector enbPosition;          //!< lte: where the eNB stands
    };

    /**
     * \param kind a name
     * \return whether it is a kind Create() knows (lte, link)
     */
    static bool IsKnown(const std::string& kind);

    /**
     * \param config the access to build (kind known)
     * \return the access, not built yet
     */
    static std::unique_ptr<SecondAccess> Create(const Config& config);

    virtual ~SecondAccess() = default;

    /**
     * \brief Set the attribute defaults the access's models need, before
     *        Build() (they are put back after the run).
     * \param defaults the run's defaults
     */
    virtual void ApplyDefaults(ScopedAttributeDefaults& defaults) const;

    /**
     * \brief Build the access network and the MH's interface on it.
     * \param mh the mobile host (with its Internet stack and mobility)
     * \param router the scenario's router
     * \param wire connects a node to the router
     * \param upFromStart up (and attached) from the start, as for
     *        make-before-break; else off until BringUp()
     */
    virtual void Build(Ptr<Node> mh,
                       Ptr<Node> router,
                       const RouterWiring& wire,
                       bool upFromStart) = 0;

    /**
     * \brief Switch the interface on (it was built off).
     * \param ready called once the MH can send and receive through it
     */
    virtual void BringUp(std::function<void()> ready) = 0;

    /**
     * \brief Fix the random streams of the access network's models.
     * \param stream the first stream
     * \return the number of streams used
     */
    virtual int64_t AssignStreams(int64_t stream) = 0;

    /// \return the MH's device on this access
    Ptr<NetDevice> GetDevice() const;

    /// \return the MH's address on this access
    Ipv4Address GetAddress() const;

  protected:
    /**
     * \brief Remember the MH's interface on this access.
     * \param mh the mobile host
     * \param interface its IPv4 interface index
     * \param gateway the next hop of its default route
     */
    void SetInterface(Ptr<Node> mh, uint32_t interface, Ipv4Address gateway);

    /// Take the interface down (the radio is off).
    void SetDown();

    /// Bring the interface up with its default route (metric 10).
    void SetUp();

  private:
    Ptr<Node> m_mh;         //!< the mobile host
    uint32_t m_interface{}; //!< its interface on this access
    Ipv4Address m_gateway;  //!< next hop of the default route
};

/**
 * \ingroup mobisocket
 * \brief The second access as a point-to-point link to the router that
 *        comes up a fixed time after BringUp() (a radio waking, with no
 *        model of its procedure): the stand-in, kept as secondAccess=link.
 *
 * Subnet 10.0.250.0/24.
 */
class LinkSecondAccess : public SecondAccess
{
  public:
    /// \param config rate, delay and start-up time of the link
    explicit LinkSecondAccess(const Config& config);

    void Build(Ptr<Node> mh, Ptr<Node> router, const RouterWiring& wire, bool upFromStart) override;
    void BringUp(std::function<void()> ready) override;
    int64_t AssignStreams(int64_t stream) override;

  private:
    Config m_config; //!< rate, delay, start-up time
};

/**
 * \ingroup mobisocket
 * \brief The second access as ns-3's LTE/EPC model.
 *
 * One eNB (at Config::enbPosition, default EARFCN and power) and the EPC of
 * PointToPointEpcHelper; the PGW reaches the router over a 10 Gb/s, 1 ms
 * link (subnet 10.0.251.0/24) and the router routes the UEs' 7.0.0.0/8 to
 * it. The MH gets an LTE UE device and its address from the EPC.
 *
 * RRC is the real protocol (LteHelper UseIdealRrc false): once switched on,
 * the UE selects the cell (MIB and SIB1 from the eNB), runs random access
 * and RRC connection set-up, and the EPC activates the default bearer; the
 * interface is up and ready once the UE has its data radio bearer (ns-3's
 * NAS says ACTIVE earlier, at the RRC connection, before the EPC has the
 * session: a packet sent then is lost at the gateway). That is what ns-3
 * models of an LTE attach; the NAS authentication and security exchanges
 * of a real attach are not modelled (see the module documentation).
 */
class LteSecondAccess : public SecondAccess
{
  public:
    /// \param config bandwidth and the eNB's position
    explicit LteSecondAccess(const Config& config);
    ~LteSecondAccess() override;

    /**
     * \brief RLC acknowledged mode for every bearer, as operators run TCP
     *        bearers, with 256 KiB transmission buffers (ns-3's default is
     *        unacknowledged mode with 10 KiB, less than one bandwidth-delay
     *        product of a 5 MHz cell at a 60 ms RTT: bulk TCP would lose
     *        segments at the eNB's RLC instead of seeing the cell's rate).
     * \param defaults the run's defaults
     */
    void ApplyDefaults(ScopedAttributeDefaults& defaults) const override;
    void Build(Ptr<Node> mh, Ptr<Node> router, const RouterWiring& wire, bool upFromStart) override;
    void BringUp(std::function<void()> ready) override;
    int64_t AssignStreams(int64_t stream) override;

  private:
    /// The UE's data radio bearer exists: the default bearer is up end to end.
    void Activated();

    Config m_config;                  //!< bandwidth, eNB position
    Ptr<LteHelper> m_lte;             //!< the LTE helper
    Ptr<PointToPointEpcHelper> m_epc; //!< the EPC
    Ptr<NetDevice> m_enbDevice;       //!< the eNB
    Ptr<NetDevice> m_ueDevice;        //!< the MH's LTE device
    bool m_active{false};             //!< the default bearer is up
    std::function<void()> m_ready;    //!< BringUp's callback, until ACTIVE
};

} // namespace ns3

#endif /* SECOND_ACCESS_H */
