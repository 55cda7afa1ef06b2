/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBILE_DHCP_CLIENT_H
#define MOBILE_DHCP_CLIENT_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

class DhcpHeader;

/**
 * \ingroup mobisocket
 * \brief A DHCPv4 client for roaming stations: RFC 2131 retransmission
 *        timing and, optionally, DNAv4 (RFC 4436). A drop-in replacement of
 *        ns-3's DhcpClient that talks to ns-3's unmodified DhcpServer.
 *
 * Device, address and route handling are those of ns-3's DhcpClient: the
 * client is bound to one NetDevice, opens a UDP socket on port 68 bound to
 * it (broadcast allowed), adds a 0.0.0.0/0 interface address before its
 * first lease and registers a link-change callback once. An ACK replaces
 * the address, sets the interface up, sets the default route via the
 * offered router (or, without one, the ACK's source), fires NewLease (and
 * ExpireLease for a different address held before, as ns-3 does) and
 * schedules renewing (T1: unicast REQUEST to the server), rebinding (T2:
 * broadcast REQUEST) and expiry (the address and route are removed,
 * ExpireLease fires, the client starts again). A NAK sends the client back
 * to INIT at once; an address it held is withdrawn and ExpireLease fires.
 * On link down every timer is cancelled and the leased address and the
 * default route via its gateway are removed **without** firing ExpireLease,
 * exactly as ns-3's DhcpClient does (watch the device's link state, or
 * NewLease, to learn of the next address). On link up the client starts
 * again from INIT (and, with Dnav4, tests its remembered networks at the
 * same time).
 *
 * Retransmission (RFC 2131 section 4.1): a DISCOVER (SELECTING) or REQUEST
 * (REQUESTING, INIT-REBOOT) that is not answered is sent again after
 * InitialRetransmit, then after twice the previous base delay, up to
 * MaxRetransmit (4, 8, 16, 32, 64 s by default), each delay randomized by a
 * uniform draw in [-RetransmitJitter, +RetransmitJitter], widened by
 * RetransmitJitterShare times the delay (0 by default; Android's client
 * draws within +/-10 % of the delay); a delay is never shorter than 10 ms,
 * whatever the jitter. DISCOVER is retransmitted
 * indefinitely. A REQUEST is retransmitted RequestRetransmissions times;
 * if the last one is not answered within the next backoff delay either, the
 * client goes back to INIT (RFC 2131 section 3.1, step 5, which suggests
 * four retransmissions; by default REQUESTs at 0, 4, 12, 28 and 60 s, INIT
 * at 124 s, each +/- the jitter); after the INIT-REBOOT confirmation of a
 * DNAv4 reuse it keeps the reinstated address instead, for the rest of its
 * lease (RFC 2131 section 3.2, step 4). In RENEWING and REBINDING a REQUEST is sent again
 * after half the time left until T2 (resp. the expiry), but not sooner than
 * 60 s (RFC 2131 section 4.4.5). Collect = 0 takes the first OFFER at once,
 * as real clients (dhclient, dhcpcd) do; Collect > 0 waits that long after
 * the first OFFER and takes the first one, as ns-3's DhcpClient does.
 *
 * DNAv4 (RFC 4436, attribute Dnav4): the client remembers each lease it
 * got (address, mask, gateway, the gateway's MAC address, server, times).
 * The gateway's MAC is taken from the node's ARP cache when the lease is
 * bound or, if the cache has none, learned from the reply to one broadcast
 * ARP Request the client sends for it. On link up it sends, for each
 * unexpired remembered lease, a unicast ARP Request to the gateway's MAC
 * asking for the gateway's IPv4 address, and starts DHCP in parallel (RFC
 * 4436 section 1.1: DNAv4 must add no delay when it fails). If a reply from
 * a remembered gateway (same IPv4 and MAC address) arrives within
 * Dnav4Timeout and before DHCP has bound a lease, the remembered address
 * and route are reinstated at once, NewLease and then LeaseReused fire, the
 * DHCP attempt is cancelled and the lease is confirmed in the background
 * with an INIT-REBOOT REQUEST (requested address, no server identifier): an
 * ACK is taken silently (the lease timers restart), a NAK withdraws the
 * address (ExpireLease) and sends the client to INIT. The ARP frames are
 * built with ArpHeader and sent with NetDevice::Send; replies are received
 * through a protocol handler (0x0806) on the device, which copies each
 * frame and never answers it, so the node's own ArpL3Protocol, registered
 * for the same protocol, sees every frame unchanged (it logs the replies to
 * the client's probes as unexpected: they answer no request of its own).
 *
 * Interoperation with ns-3's DhcpServer: its ACKs carry no options and
 * DhcpHeader cannot tell which options a received message carried (absent
 * ones are left uninitialized), so the mask, router, server and lease times
 * are taken from the OFFER, as ns-3's DhcpClient does, and kept across
 * renewals. The server ignores a REQUEST without a requested address in
 * its pool, so every REQUEST carries one (RFC 2131 omits it when renewing
 * and rebinding, using ciaddr, which DhcpHeader cannot set). The server
 * ignores a REQUEST for an address outside its pool instead of NAKing it;
 * the client then retransmits, as it would for a lost message.
 *
 * Refusals: starting without a device, with a device of another node or
 * without an IPv4 interface, with MaxRetransmit < InitialRetransmit or with
 * a non-positive InitialRetransmit, a negative RetransmitJitter or Collect,
 * a RetransmitJitterShare outside [0, 1),
 * or a non-positive Dnav4Timeout with Dnav4, stops the program with a
 * message (NS_ABORT_MSG: ns-3's NS_ASSERT is compiled out of Debian's
 * libraries).
 *
 * Not modelled: the optional 1-10 s random delay before the first DISCOVER
 * (RFC 2131 section 4.4.1), ARP conflict detection and DHCPDECLINE,
 * DHCPRELEASE, DHCPINFORM, relays.
 */
class MobileDhcpClient : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// Where the client is in RFC 2131's state diagram (figure 5).
    enum State
    {
        STOPPED,    //!< not started, or stopped
        LINK_DOWN,  //!< the device's link is down
        SELECTING,  //!< DISCOVER sent, waiting for (or collecting) offers
        REQUESTING, //!< REQUEST for an offer sent, waiting for the ACK
        REBOOTING,  //!< INIT-REBOOT: confirming a reinstated (DNAv4) lease
        BOUND,      //!< holding a lease
        RENEWING,   //!< after T1: unicast REQUEST to the server
        REBINDING   //!< after T2: broadcast REQUEST
    };

    MobileDhcpClient();

    /**
     * \brief A client bound to a device.
     * \param device the device (its node's IPv4 must have an interface on it)
     */
    explicit MobileDhcpClient(Ptr<NetDevice> device);

    ~MobileDhcpClient() override;

    /**
     * \brief Bind the client to a device (before it starts).
     * \param device the device
     */
    void SetDevice(Ptr<NetDevice> device);

    /// \return the device the client is bound to
    Ptr<NetDevice> GetDevice() const;

    /// \return the address currently leased (0.0.0.0 when none)
    Ipv4Address GetAddress() const;

    /// \return the gateway of the current lease (0.0.0.0 when none)
    Ipv4Address GetGateway() const;

    /// \return the server of the current lease (0.0.0.0 when none)
    Ipv4Address GetServer() const;

    /// \return the state
    State GetState() const;

    /// \return how many leases are remembered for DNAv4
    std::size_t GetRememberedLeaseCount() const;

    /**
     * \brief Use fixed random variable streams: the transaction
     *        identifiers and the retransmission jitter.
     * \param stream the first stream index to use
     * \return the number of stream indices used
     */
    int64_t AssignStreams(int64_t stream)
#if MOBISOCKET_NS3_VERSION >= 342
        override // Application::AssignStreams is virtual since ns-3.42
#endif
        ;

    /**
     * TracedCallback signature for a DHCP message sent.
     * \param type the message type, a DhcpHeader::Messages value
     *        (DHCPDISCOVER = 0, DHCPREQ = 2)
     * \param attempt 0 for the first transmission, n for the n-th retransmission
     */
    typedef void (*MessageSentCallback)(uint8_t type, uint32_t attempt);

  protected:
    void DoDispose() override;

  private:
    /// A lease, as bound or remembered for DNAv4.
    struct Lease
    {
        // Ipv4Address() is 102.102.102.102, not 0.0.0.0: every address starts as 0.0.0.0
        Ipv4Address address{Ipv4Address::GetAny()}; //!< the leased address
        Ipv4Mask mask{Ipv4Mask::GetZero()};         //!< its network mask
        Ipv4Address gateway{Ipv4Address::GetAny()}; //!< the default gateway
        Address gatewayMac;                         //!< the gateway's MAC address (empty: unknown)
        Ipv4Address server{Ipv4Address::GetAny()};  //!< the server that granted it
        Time obtained;                              //!< when it was bound (or last extended)
        Time renew;                                 //!< T1, from obtained
        Time rebind;                                //!< T2, from obtained
        Time lifetime;                              //!< the lease time, from obtained
        bool gatewayMacKnown{};                     //!< gatewayMac is set

        /// \return when the lease expires
        Time Expiry() const;
    };

    void StartApplication() override;
    void StopApplication() override;

    /// \brief Stop the program on a configuration the client refuses.
    void CheckConfiguration() const;
    /// \return the IPv4 interface index of the device
    uint32_t GetInterface() const;
    /// \brief Record the chaddr the device's address gives.
    void SetChaddr();
    /// \brief Open the UDP socket (once).
    void OpenSocket();
    /// \brief Register the link-change callback and the ARP handler (once).
    void RegisterCallbacks();
    /// \brief Add the 0.0.0.0/0 address if the interface holds no lease.
    void EnsureUnspecifiedAddress();
    /// \brief The device is attached to a link: probe (DNAv4) and start DHCP.
    void Attach();
    /// \brief The device's link changed.
    void LinkStateHandler();
    /// \brief The link went down: cancel everything, remove the address and route.
    void LinkDown();

    /// \brief Go to INIT and send a DISCOVER (SELECTING).
    void EnterInit();
    /// \brief Send the DISCOVER of the current attempt and schedule the next.
    void SendDiscover();
    /// \brief Send the DISCOVER again.
    void RetransmitDiscover();
    /// \brief Send the REQUEST of the current state and attempt; schedule the next.
    void SendRequest();
    /// \brief Send the REQUEST again.
    void RetransmitRequest();
    /// \brief No answer to the last REQUEST retransmission (REQUESTING, REBOOTING).
    void RequestGaveUp();
    /// \brief Schedule the next REQUEST retransmission (or give-up) of the current state.
    void ScheduleRequestRetransmission();
    /**
     * \brief The RENEWING / REBINDING retransmission delay (RFC 2131 4.4.5).
     * \param deadline T2 (renewing) or the expiry (rebinding)
     * \return the delay, or a zero time when no retransmission fits before deadline
     */
    Time RefreshRetransmitDelay(Time deadline) const;
    /**
     * \brief Send a DHCP message from the client's port.
     * \param header the message
     * \param destination where to (broadcast or the server)
     * \param attempt the attempt number (for MessageSent)
     */
    void Send(DhcpHeader& header, Ipv4Address destination, uint32_t attempt);
    /**
     * \brief Fill in the fields every message of the client carries.
     * \param header the message
     * \param type its type (DhcpHeader::Messages)
     */
    void FillHeader(DhcpHeader& header, uint8_t type) const;
    /**
     * \brief The delay before retransmission attempt + 1.
     * \param attempt the attempt just sent
     * \return min(InitialRetransmit * 2^attempt, MaxRetransmit) + jitter, at least 10 ms
     */
    Time RetransmitDelay(uint32_t attempt);
    /// \return a new random transaction identifier
    uint32_t NewXid();
    /// \brief Cancel the exchange in progress (retransmission and collect timers).
    void CancelExchange();

    /**
     * \brief The socket has data.
     * \param socket the socket
     */
    void Receive(Ptr<Socket> socket);
    /**
     * \brief A message for this client (chaddr and xid match).
     * \param header the message
     * \param from its source
     */
    void Dispatch(DhcpHeader& header, const Address& from);
    /**
     * \brief An OFFER while SELECTING.
     * \param header the OFFER
     */
    void HandleOffer(DhcpHeader& header);
    /**
     * \brief Keep an OFFER's lease as the one to request.
     * \param header the OFFER
     */
    void ReadOffer(DhcpHeader& header);
    /// \brief The collection of offers is over: request the first one.
    void SelectOffer();
    /**
     * \brief An ACK.
     * \param header the ACK
     * \param from its source (the server)
     */
    void HandleAck(DhcpHeader& header, const Address& from);
    /// \brief A NAK: withdraw any address held, back to INIT.
    void HandleNak();

    /**
     * \brief Install a lease: address, interface up, default route, NewLease.
     * \param lease the lease
     */
    void InstallLease(const Lease& lease);
    /**
     * \brief Replace the interface's address (the held one or 0.0.0.0).
     * \param lease the new lease
     */
    void ReplaceAddress(const Lease& lease);
    /**
     * \brief Remove an address from the device's interface, if there.
     * \param address the address
     */
    void RemoveInterfaceAddress(Ipv4Address address);
    /**
     * \brief Remove the default routes via a gateway on the device's interface.
     * \param gateway the gateway (nothing is removed for 0.0.0.0)
     */
    void RemoveDefaultRoutes(Ipv4Address gateway);
    /**
     * \brief Remove the held address and its default route.
     * \param notify fire ExpireLease
     */
    void WithdrawLease(bool notify);
    /**
     * \brief Schedule T1, T2 and the expiry of the current lease (those still ahead).
     */
    void ScheduleLeaseTimers();
    /// \brief Cancel T1, T2 and the expiry.
    void CancelLeaseTimers();
    /// \brief T1: RENEWING.
    void StartRenewing();
    /// \brief T2: REBINDING.
    void StartRebinding();
    /// \brief The lease expired: withdraw it (ExpireLease) and start again.
    void LeaseExpired();

    /// \brief Remember the current lease for DNAv4 (replacing its network's entry).
    void RememberLease();
    /// \brief Drop the remembered lease of the current address.
    void ForgetLease();
    /// \brief Learn the current gateway's MAC (ARP cache, or a broadcast ARP Request).
    void LearnGatewayMac();
    /**
     * \return the remembered entry of the current lease (null if none)
     */
    Lease* FindRemembered();
    /**
     * \brief The current gateway's MAC address is known: keep it with the lease.
     * \param mac the MAC address
     */
    void SetGatewayMac(const Address& mac);
    /// \brief Look up the current gateway in the node's ARP cache.
    void LookUpGatewayMac();
    /// \brief Send the DNAv4 reachability probes, one per remembered network.
    void StartProbes();
    /// \brief Stop accepting probe replies.
    void StopProbes();
    /**
     * \brief Send an ARP Request from the device.
     * \param senderIp the sender protocol address
     * \param targetIp the address asked for
     * \param destination the frame's destination MAC (unicast or broadcast)
     */
    void SendArpRequest(Ipv4Address senderIp, Ipv4Address targetIp, const Address& destination);
    /**
     * \brief An ARP frame arrived on the device (protocol handler).
     * \param device the device
     * \param packet the frame's payload
     * \param protocol 0x0806
     * \param from the source MAC address
     * \param to the destination MAC address
     * \param packetType the kind of destination
     */
    void ReceiveArp(Ptr<NetDevice> device,
                    Ptr<const Packet> packet,
                    uint16_t protocol,
                    const Address& from,
                    const Address& to,
                    NetDevice::PacketType packetType);
    /**
     * \brief An ARP Reply from a candidate gateway while probing.
     * \param sourceIp its sender protocol address
     * \param sourceMac its sender hardware address
     * \param targetIp its target protocol address (the address that asked)
     */
    void HandleProbeReply(Ipv4Address sourceIp, const Address& sourceMac, Ipv4Address targetIp);
    /**
     * \brief Reinstate a remembered lease (DNAv4 success).
     * \param lease the lease
     */
    void Reinstate(Lease lease);

    // Attributes
    Time m_initialRetransmit;          //!< first retransmission delay
    Time m_maxRetransmit;              //!< largest retransmission delay
    Time m_jitter;                     //!< +/- randomization of each delay
    double m_jitterShare;              //!< +/- further randomization, a share of the delay
    uint32_t m_requestRetransmissions; //!< REQUEST retransmissions before INIT
    Time m_collect;                    //!< wait for more offers after the first
    bool m_dnav4;                      //!< use DNAv4 on link up
    Time m_dnav4Timeout;               //!< how long probe replies are accepted

    Ptr<NetDevice> m_device;                //!< the device
    Ptr<Socket> m_socket;                   //!< UDP port 68, bound to the device
    std::array<uint8_t, 16> m_chaddr{};     //!< the client hardware address field
    Ptr<UniformRandomVariable> m_xidRng;    //!< transaction identifiers
    Ptr<UniformRandomVariable> m_jitterRng; //!< retransmission jitter
    bool m_running{false};                  //!< started and not stopped
    bool m_callbacksRegistered{false};      //!< link-change callback registered
    bool m_arpHandlerRegistered{false};     //!< ARP protocol handler registered

    State m_state{STOPPED};                       //!< the state
    uint32_t m_xid{0};                            //!< the transaction identifier in use
    uint32_t m_attempt{0};                        //!< attempt number of the last message sent
    bool m_haveOffer{false};                      //!< an offer is held (SELECTING)
    Lease m_offer;                                //!< the offer held, then requested
    Lease m_lease;                                //!< the lease held (m_address != 0.0.0.0)
    Ipv4Address m_address{Ipv4Address::GetAny()}; //!< the address installed (0.0.0.0: none)
    EventId m_retransmitEvent;                    //!< next retransmission (or give-up)
    EventId m_collectEvent;                       //!< end of the offer collection
    EventId m_renewEvent;                         //!< T1
    EventId m_rebindEvent;                        //!< T2
    EventId m_expiryEvent;                        //!< lease expiry
    std::vector<Lease> m_remembered;              //!< leases remembered for DNAv4
    bool m_probing{false};                        //!< DNAv4 probe replies are accepted
    bool m_resolvingGateway{false}; //!< a broadcast ARP Request for the gateway is out
    EventId m_probeEndEvent;        //!< end of the DNAv4 probe window
    /// the protocol handler registered for ARP
    Node::ProtocolHandler m_arpHandler;

    TracedCallback<const Ipv4Address&> m_newLease;    //!< a new lease
    TracedCallback<const Ipv4Address&> m_expireLease; //!< a lease ended
    TracedCallback<const Ipv4Address&> m_leaseReused; //!< DNAv4 reinstated a lease
    TracedCallback<uint8_t, uint32_t> m_messageSent;  //!< a DHCP message sent
};

} // namespace ns3

#endif /* MOBILE_DHCP_CLIENT_H */
