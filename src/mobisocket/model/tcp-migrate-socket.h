/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_MIGRATE_SOCKET_H
#define TCP_MIGRATE_SOCKET_H

#include "key-agreeing-tcp-socket.h"

#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <optional>
#include <string>

namespace ns3
{

class DnsRendezvousClient;

/**
 * \ingroup mobisocket
 * \brief A model of TCP Migrate (Snoeren and Balakrishnan, "An End-to-End
 *        Approach to Host Mobility", MobiCom 2000;
 *        draft-snoeren-tcp-migrate-00): a connection moves with a Migrate SYN
 *        from the new address, authenticated with a secret agreed when the
 *        connection was set up; a host that lost its peer finds it again in
 *        the DNS (DnsRendezvousClient, secure dynamic update).
 *
 * How it is modelled (sources and choices in the module documentation):
 * - Negotiation: the SYN and SYN/ACK carry a Migrate-Permitted option (RFC
 *   6994, ExID 0x4D50 "MP", a version byte and a nonce); both nonces make the
 *   connection token.
 * - The secret: an X25519 agreement per connection (KeyAgreeingTcpSocket).
 *   The draft runs its ECDH in the SYN options with a curve whose keys fit
 *   there; a 32-byte X25519 share does not fit beside ns-3's window scale,
 *   SACK-permitted and timestamp options (40 bytes in all), so the shares
 *   cross in two control segments right after the handshake. The CPU cost
 *   per connection is the same; the secret is ready one round trip later.
 * - Migration: the mover sends a SYN from its new address and port carrying
 *   the Migrate option (MigrateOption: token, request number, truncated
 *   HMAC); the peer checks it, rebinds the connection and answers with a
 *   SYN/ACK carrying the option back; the exchange (ChangeExchange) with
 *   MigrateSynHeader/MigrateSynAckHeader retransmits the Migrate SYN on the
 *   connection's unbacked-off RTO, doubling.
 * - MIGRATE_WAIT (the draft's state for a connection whose host lost its
 *   address): the connection holds with its retransmission timer frozen, at
 *   most MigrateWaitTimeout; then the timer runs again and TCP's own
 *   retransmission limit ends a connection that could not migrate.
 * - After the SYN/ACK both ends restart transmission at once (the Migrate
 *   SYN resynchronises the connection): ResetTimerAfterChange.
 * - The rendezvous (SetRendezvous): when a Migrate SYN goes unanswered for
 *   one confirmation timeout, the socket looks the peer's name up in the DNS;
 *   if the name has another address now (the peer moved too), the
 *   connection's peer becomes that address and the Migrate SYN goes there at
 *   once. The peer's address its own Migrate SYNs must name as their old
 *   one stays the one the peer last authenticated.
 */
class TcpMigrateSocket : public KeyAgreeingTcpSocket
{
  public:
    /// The draft's name of the hold: the address is lost, no migration yet.
    static constexpr HoldState MIGRATE_WAIT = DETACHED;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
    /// \return this object's TypeId (ns-3 < 3.45 asks the subclass)
    TypeId GetInstanceTypeId() const override;
#endif

    TcpMigrateSocket();

    /**
     * \brief Copy constructor (a listening socket forks its connections).
     * \param other the socket to copy
     */
    TcpMigrateSocket(const TcpMigrateSocket& other);

    ~TcpMigrateSocket() override;

    /// \return how many times MIGRATE_WAIT ended without a migration
    uint32_t GetMigrateWaitExpiries() const;

    /**
     * \brief Find the peer in the DNS when a Migrate SYN goes unanswered.
     * \param resolver the host's DNS client (DnsRendezvousHelper)
     * \param peerName the peer's name in the resolver's zone
     * \return 0, or -1 with ERROR_INVAL (a null resolver, or a name that is
     *         not a valid domain name)
     */
    int SetRendezvous(Ptr<DnsRendezvousClient> resolver, const std::string& peerName);

    /// \return the DNS lookups of the peer started so far
    uint32_t GetPeerLookups() const;

    /// \return how many times a lookup found the peer at another address
    uint32_t GetPeersLocated() const;

    /**
     * TracedCallback signature for the peer found at another address.
     * \param oldAddress the address the connection had for the peer
     * \param newAddress the one the DNS gave
     */
    typedef void (*PeerLocatedTracedCallback)(Ipv4Address oldAddress, Ipv4Address newAddress);

  protected:
    Ptr<TcpSocketBase> Fork() override;
    void DoDispose() override;
    void ReceiveOtherControl(MobilityControlHeader::MessageType type,
                             Ptr<Packet> payload,
                             const IpAddress& source,
                             uint16_t sourcePort) override;
    // ChangeExchange::Transport: the Migrate SYN and its SYN/ACK
    void SendUpdate(const AddressUpdateHeader& message) override;
    void SendConfirm(const AddressConfirmHeader& message) override;
    IpAddress GetExchangePeerAddress() const override;
    IpAddress GetExchangeDestination() const override;
    bool MovePeer(const AddressUpdateHeader& update) override;
    /// MIGRATE_WAIT is bounded: leaving NORMAL starts MigrateWaitTimeout.
    void HoldStateChanged(HoldState oldState, HoldState newState) override;

  private:
    /**
     * \param request a received Migrate SYN's request number
     * \return the peer's old address its tag covers: for a retransmission of
     *         the request last accepted, the address it moved from; else the
     *         one the peer last authenticated
     */
    IpAddress OldAddressFor(uint32_t request) const;

    /// Look the peer's name up (if a rendezvous is set and no lookup is in flight).
    void LookUpPeer();

    /**
     * \brief A lookup of the peer ended.
     * \param found the name has an address
     * \param address the address
     */
    void PeerResolved(bool found, Ipv4Address address);

    /// Send the pending Migrate SYN to the peer's new address (after a MovePeer).
    void ResendToMovedPeer();

    /**
     * \brief Send a SYN (the update) or SYN/ACK (the answer) carrying the
     *        message as a Migrate option.
     * \param flags SYN, or SYN|ACK
     * \param message a MigrateSynHeader or MigrateSynAckHeader
     */
    void SendMigrateOption(uint8_t flags, const MobilityControlHeader& message);

    /// MIGRATE_WAIT lasted MigrateWaitTimeout: let TCP's timer run again.
    void MigrateWaitExpired();

    Time m_migrateWaitTimeout;         //!< MigrateWaitTimeout attribute
    EventId m_migrateWaitEvent;        //!< end of MIGRATE_WAIT
    uint32_t m_migrateWaitExpiries{0}; //!< MIGRATE_WAIT ended without a migration

    std::optional<IpAddress> m_peerAuthenticated; //!< the peer's address as it last announced
                                                  //!< it (unset: the connection's peer)
    IpAddress m_migratedFrom;                     //!< old address of the last accepted request
    uint32_t m_migratedRequest{0};                //!< its request number (0: none)
    uint32_t m_lastRequestSent{0};                //!< request number last sent (0: none)
    IpAddress m_lastSentTo;                       //!< where it went

    Ptr<DnsRendezvousClient> m_resolver; //!< finds the peer (null: no rendezvous)
    std::string m_peerName;              //!< the peer's name
    bool m_lookupPending{false};         //!< a lookup is in flight
    uint32_t m_peerLookups{0};           //!< lookups started
    uint32_t m_peersLocated{0};          //!< lookups that moved the peer
    EventId m_resendEvent;               //!< ResendToMovedPeer
    TracedCallback<Ipv4Address, Ipv4Address> m_peerLocatedTrace; //!< "PeerLocated"
};

} // namespace ns3

#endif /* TCP_MIGRATE_SOCKET_H */
