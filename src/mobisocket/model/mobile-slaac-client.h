/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBILE_SLAAC_CLIENT_H
#define MOBILE_SLAAC_CLIENT_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>

namespace ns3
{

class Ipv6Interface;
class Ipv6L3Protocol;
class Packet;
class Ipv6;
class UniformRandomVariable;

/**
 * \ingroup mobisocket
 * \brief The IPv6 address layer of a roaming station: Router Solicitations
 *        on every link up, stateless autoconfiguration (RFC 4862) with
 *        duplicate address detection on, optimistic (RFC 4429) or off, and
 *        the old address retired once the new one is usable.
 *
 * ns-3's own stack does the autoconfiguration: an RA with a prefix adds an
 * EUI-64 address and a default route (Ipv6L3Protocol::AddAutoconfiguredAddress)
 * and times DAD (Icmpv6L4Protocol's DadTimeout). What it lacks for a
 * station that changes links, this client adds:
 * - Router Solicitations on link up (ns-3 sends them only at start-up): the
 *   first after a uniform delay in [0, SolicitationDelayMax] (RFC 4861
 *   section 6.3.7, MAX_RTR_SOLICITATION_DELAY = 1 s), then every
 *   SolicitationInterval (4 s) up to MaxSolicitations (3), until an RA
 *   arrives. ns-3's own RS retransmissions are switched off
 *   (Icmpv6L4Protocol RsMaxRetransmissionDuration = 1 ns): their timer is
 *   wrong after start-up.
 * - When an address may be used (AddressUsable): with DadMode On once DAD
 *   has passed (the address PREFERRED, DadTimeout after it was added);
 *   with Optimistic or Off as soon as it is added. ns-3 itself lets
 *   sockets send from a tentative address, so this is the rule the
 *   schemes follow, not one the stack enforces.
 * - Retiring the previous address after the new one became usable (after
 *   OldAddressHold; the AddressUsable sinks, which move the connections,
 *   run first): Ipv6L3Protocol::RemoveAutoconfiguredAddress removes the
 *   address and its default route, without which a station returning to an
 *   AP keeps routing through the last router it heard. ns-3 stops the
 *   simulation if a prefix with running lifetime timers is removed, so an
 *   address whose RA advertised finite lifetimes is kept (logged).
 *
 * Timeline (trace sources): RouterSolicitationSent, RouterAdvertisementReceived,
 * AddressTentative (the address was added; DAD starts), AddressPreferred
 * (DAD done), AddressUsable, AddressRetired.
 *
 * The DAD settings are the node's (Icmpv6L4Protocol DAD and DadTimeout are
 * set at start). Only one client per interface: it takes the interface's
 * AddAddressCallback (one slot, also used by NeighborCacheHelper's dynamic
 * neighbour cache). Refusals (no device, no IPv6 interface on it,
 * negative times, MaxSolicitations 0) stop the program with a message.
 */
class MobileSlaacClient : public Application
{
  public:
    /// Duplicate address detection.
    enum DadMode
    {
        DAD_ON = 0,         //!< RFC 4862: use the address once DAD has passed
        DAD_OPTIMISTIC = 1, //!< RFC 4429: use it at once; DAD runs alongside
        DAD_OFF = 2         //!< no DAD: the address is preferred at once
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MobileSlaacClient();
    ~MobileSlaacClient() override;

    /**
     * \brief Bind the client to a device (before it starts).
     * \param device the station's device
     */
    void SetDevice(Ptr<NetDevice> device);

    /// \return the device
    Ptr<NetDevice> GetDevice() const;

    /// \return the global address the station may use now (:: if none)
    Ipv6Address GetAddress() const;

    /**
     * \brief Use a fixed random variable stream (the RS delay).
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream)
#if MOBISOCKET_NS3_VERSION >= 342
        override // Application::AssignStreams is virtual since ns-3.42
#endif
        ;

    /**
     * TracedCallback signature for a Router Solicitation sent.
     * \param [in] attempt 0 for the first after link up, n for the n-th retransmission
     */
    typedef void (*SolicitationTracedCallback)(uint32_t attempt);

    /**
     * TracedCallback signature for a Router Advertisement with a prefix.
     * \param [in] router the router's (link-local) address
     * \param [in] prefix the advertised prefix
     */
    typedef void (*AdvertisementTracedCallback)(Ipv6Address router, Ipv6Address prefix);

    /**
     * TracedCallback signature for an address event.
     * \param [in] address the global address
     */
    typedef void (*AddressTracedCallback)(Ipv6Address address);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Stop with a message on a bad configuration.
    void CheckConfiguration() const;

    /// The device's link changed.
    void LinkChanged();

    /**
     * \brief Send a Router Solicitation (and schedule the next).
     * \param attempt 0 for the first after link up
     */
    void Solicit(uint32_t attempt);

    /**
     * \brief Ipv6L3Protocol Rx trace: notice Router Advertisements.
     * \param packet the packet, IPv6 header included
     * \param ipv6 the protocol
     * \param interface the interface it arrived on
     */
    void IpReceived(Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t interface);

    /**
     * \brief An address was added to the interface.
     * \param interface the interface
     * \param address the address
     */
    void AddressAdded(Ptr<Ipv6Interface> interface, Ipv6InterfaceAddress address);

    /**
     * \brief DadTimeout has passed since an address was added: is it preferred?
     * \param address the address
     */
    void CheckPreferred(Ipv6Address address);

    /**
     * \brief The station may use an address: announce it, retire the previous.
     * \param address the address
     */
    void MakeUsable(Ipv6Address address);

    /**
     * \brief Remove an address left behind, with its default route.
     * \param address the address
     */
    void Retire(Ipv6Address address);

    /// What an RA told about a prefix.
    struct Advertised
    {
        Ipv6Address router;        //!< the router's link-local address
        bool finiteLifetime{true}; //!< its valid or preferred lifetime is finite
    };

    Ptr<NetDevice> m_device;                      //!< the station's device
    Ptr<Ipv6L3Protocol> m_ipv6;                   //!< the node's IPv6
    uint32_t m_interface{0};                      //!< the device's interface index
    bool m_running{false};                        //!< between start and stop
    bool m_linkCallbackSet{false};                //!< the link-change callback is registered
    bool m_advertised{false};                     //!< an RA arrived since the link came up
    Ipv6Address m_usable{Ipv6Address::GetAny()};  //!< the address in use
    std::map<Ipv6Address, Advertised> m_prefixes; //!< what RAs advertised, by prefix
    EventId m_solicitEvent;                       //!< the next RS
    Ptr<UniformRandomVariable> m_delay;           //!< the first RS's delay

    DadMode m_dadMode{DAD_ON};      //!< DadMode attribute
    Time m_dadTimeout;              //!< DadTimeout attribute
    Time m_solicitationDelayMax;    //!< SolicitationDelayMax attribute
    Time m_solicitationInterval;    //!< SolicitationInterval attribute
    uint32_t m_maxSolicitations{3}; //!< MaxSolicitations attribute
    Time m_oldAddressHold;          //!< OldAddressHold attribute

    TracedCallback<uint32_t> m_solicitationTrace; //!< "RouterSolicitationSent"
    TracedCallback<Ipv6Address, Ipv6Address>
        m_advertisementTrace;                     //!< "RouterAdvertisementReceived"
    TracedCallback<Ipv6Address> m_tentativeTrace; //!< "AddressTentative"
    TracedCallback<Ipv6Address> m_preferredTrace; //!< "AddressPreferred"
    TracedCallback<Ipv6Address> m_usableTrace;    //!< "AddressUsable"
    TracedCallback<Ipv6Address> m_retiredTrace;   //!< "AddressRetired"
};

} // namespace ns3

#endif /* MOBILE_SLAAC_CLIENT_H */
