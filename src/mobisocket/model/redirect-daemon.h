/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REDIRECT_DAEMON_H
#define REDIRECT_DAEMON_H

#include "crypto-agent.h"
#include "mobility-control-header.h"
#include "redirectable-tcp-socket.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <vector>

namespace ns3
{

class Socket;
class Packet;
class DhcpClient;

/**
 * \ingroup mobisocket
 * \brief The user-level redirect daemon of the Prevelakis and Ioannidis
 *        baseline ("Preserving TCP Connections Across Host Address
 *        Changes", ISC 2006), run on each host next to the kernel extension
 *        (RedirectableTcpSocket).
 *
 * Neither the paper's full text nor its code was available; the model
 * follows what the MobiSocket paper and the abstract say and makes every
 * unknown an attribute:
 *
 * - Preparation. Every ScanInterval the daemon looks at its node's
 *   RedirectableTcpSockets. For each established, unprepared connection
 *   that this host opened and that is at least PrepareAfter old, it makes
 *   an X25519 key share (CPU time charged on the node's CryptoAgent) and
 *   sends it in a KeyShareHeader (sequence 0) over UDP to the daemon at the
 *   connection's peer address. The peer's daemon finds its socket by the
 *   connection id (the token field: a hash of the 4-tuple ordered as opener
 *   address, opener port, responder address, responder port), makes its own
 *   share, agrees the secret, marks its socket prepared and answers with its
 *   share (sequence 1); the opener agrees the secret and marks its socket
 *   prepared. An unanswered share is retransmitted (RetransmissionTimeout,
 *   doubling, MaxRetransmissions times), then the preparation fails for
 *   good; it also fails when the node loses the connection's address before
 *   the answer (the connection is then lost as a TCP connection).
 * - Redirect. When the node gets a new address (the NewLease trace of the
 *   node's DhcpClients, or NotifyAddressChange()), every prepared
 *   connection whose local address is no longer on the node is moved to the
 *   new address (RedirectSource) and a RedirectRequestHeader (connection
 *   id, increasing sequence number, the address the peer knows, the new
 *   address and port) with an HMAC keyed by the secret goes from the new
 *   address to the peer's daemon, retransmitted until acknowledged. The
 *   peer's daemon checks id, sequence number, addresses and MAC, rewrites
 *   its socket's peer (RedirectDestination), answers with a
 *   RedirectAckHeader (HMAC) and, with ResetTimer, restarts transmission;
 *   the mover does the same on the acknowledgement.
 * - Connections younger than PrepareAfter at a handover are not prepared
 *   and are lost as plain TCP connections are; when both ends move at once
 *   each daemon writes to the other's stale address and the redirects fail.
 *
 * Rejected messages (malformed, unknown connection, unprepared connection,
 * replayed, addresses that do not match, bad MAC, unexpected answers)
 * change nothing; they are counted per reason and traced.
 */
class RedirectDaemon : public Application
{
  public:
    /// The reasons a message is rejected (the values of RelocatableTcpSocket).
    using RejectReason = RelocatableTcpSocket::RejectReason;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RedirectDaemon();
    ~RedirectDaemon() override;

    /**
     * \brief The connection id both daemons compute for a connection: a
     *        64-bit FNV-1a hash of the 4-tuple ordered as (opener address,
     *        opener port, responder address, responder port), each field in
     *        network byte order; never 0.
     * \param openerAddress address of the end that sent the first SYN
     * \param openerPort its port
     * \param responderAddress address of the end that answered it
     * \param responderPort its port
     * \return the connection id
     */
    static uint64_t ComputeConnectionId(Ipv4Address openerAddress,
                                        uint16_t openerPort,
                                        Ipv4Address responderAddress,
                                        uint16_t responderPort);

    /**
     * \param socket a socket of this node
     * \return the id under which this daemon knows its connection (0 if it
     *         has not started preparing it)
     */
    uint64_t GetConnectionId(Ptr<const RedirectableTcpSocket> socket) const;

    /**
     * \brief Tell the daemon that the node has a new address (for
     *        topologies without DhcpClient; with DHCP the daemon notices by
     *        itself). Every prepared connection whose local address is no
     *        longer on the node is redirected to it.
     * \param address the new address; ignored if it is not assigned to the node
     */
    void NotifyAddressChange(Ipv4Address address);

    /// \return connections this daemon marked prepared
    uint32_t GetConnectionsPrepared() const;
    /// \return key agreements (X25519 shared secrets) this daemon computed
    uint32_t GetKeyAgreements() const;
    /// \return preparations abandoned after all retransmissions of the share
    uint32_t GetPreparationsFailed() const;
    /// \return key share datagrams sent (offers, retransmissions and answers)
    uint32_t GetKeyShareTransmissions() const;
    /// \return redirects this daemon started (one per connection and address change)
    uint32_t GetRedirectsSent() const;
    /// \return redirect request datagrams sent (first sends and retransmissions)
    uint32_t GetRedirectTransmissions() const;
    /// \return the peer's redirects this daemon accepted
    uint32_t GetRedirectsAccepted() const;
    /// \return this daemon's redirects the peer acknowledged
    uint32_t GetRedirectsConfirmed() const;
    /// \return this daemon's redirects abandoned after all retransmissions
    uint32_t GetRedirectsFailed() const;
    /**
     * \param reason a reject reason
     * \return messages rejected for it
     */
    uint32_t GetRejectCount(RejectReason reason) const;

    /**
     * TracedCallback signature for per-connection events.
     * \param [in] id the connection id
     */
    typedef void (*ConnectionTracedCallback)(uint64_t id);

    /**
     * TracedCallback signature for key shares sent.
     * \param [in] id the connection id
     * \param [in] header the message
     */
    typedef void (*KeyShareTracedCallback)(uint64_t id, const KeyShareHeader& header);

    /**
     * TracedCallback signature for redirect requests sent.
     * \param [in] id the connection id
     * \param [in] header the message
     */
    typedef void (*RedirectRequestTracedCallback)(uint64_t id, const RedirectRequestHeader& header);

    /**
     * TracedCallback signature for the outcome of a redirect.
     * \param [in] id the connection id
     * \param [in] oldAddress the mover's address the peer knew
     * \param [in] newAddress the mover's new address
     */
    typedef void (*RedirectTracedCallback)(uint64_t id,
                                           Ipv4Address oldAddress,
                                           Ipv4Address newAddress);

    /**
     * TracedCallback signature for rejected messages.
     * \param [in] type the message type (0 if the envelope is unreadable)
     * \param [in] reason why
     */
    typedef void (*RejectedTracedCallback)(MobilityControlHeader::MessageType type,
                                           RejectReason reason);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Where a connection's preparation stands.
    enum PrepareState
    {
        GENERATING, //!< the opener is making its share
        AWAITING,   //!< the opener's share is out, no answer yet
        AGREEING,   //!< the secret is being computed
        PREPARED,   //!< both ends hold the secret
        FAILED      //!< the opener gave up (no answer)
    };

    /// What the daemon knows about one connection.
    struct Connection
    {
        Ptr<RedirectableTcpSocket> socket; //!< the kernel's socket
        bool opener{false};                //!< this host opened it
        PrepareState state{GENERATING};    //!< preparation
        X25519KeyPair ownShare;            //!< this end's key share
        X25519PublicKey peerShare{};       //!< the peer's public share
        SymmetricKey secret{};             //!< the agreed secret
        Ptr<Packet> shareMessage;          //!< our share (resent on retransmission)
        uint32_t shareAttempts{0};         //!< transmissions of the opener's share
        EventId shareEvent;                //!< share retransmission timer
        // This end as the mover
        Ipv4Address knownToPeer{Ipv4Address::GetAny()}; //!< our address the peer has
        uint32_t sequence{0};                           //!< sequence of our last redirect
        uint32_t confirmedSequence{0};        //!< sequence of our last acknowledged redirect
        uint32_t pendingSequence{0};          //!< unacknowledged redirect (0: none)
        RedirectRequestHeader pendingRequest; //!< its message (old and new address)
        uint32_t redirectAttempts{0};         //!< its transmissions
        EventId redirectEvent;                //!< MAC delay / retransmission timer
        // This end as the peer of a mover
        uint32_t acceptedSequence{0};      //!< sequence of the last accepted redirect
        uint32_t verifyingSequence{0};     //!< redirect whose MAC is being checked (0: none)
        std::vector<uint8_t> lastAccepted; //!< its bytes, to recognise retransmissions
        Ptr<Packet> lastAck;               //!< the answer, resent on retransmissions
    };

    /// Look at the node's connections and prepare the old enough ones.
    void Scan();

    /// \return the node's RedirectableTcpSockets
    std::vector<Ptr<RedirectableTcpSocket>> GetSockets() const;

    /// Forget connections whose socket no longer carries them.
    void PurgeClosed();

    /**
     * \param id a connection id
     * \return the synchronized socket this host answered that connection
     *         with, or null
     */
    Ptr<RedirectableTcpSocket> FindResponderSocket(uint64_t id) const;

    /**
     * \brief Begin preparing a connection this host opened: make a key share.
     * \param socket the connection
     * \param id its id
     */
    void StartPreparation(Ptr<RedirectableTcpSocket> socket, uint64_t id);

    /**
     * \brief The opener's share is ready: send it.
     * \param id the connection id
     */
    void SendOffer(uint64_t id);

    /**
     * \brief Send (or resend) the opener's share and arm its timer; give up
     *        after MaxRetransmissions, or when the node has lost the
     *        connection's local address meanwhile.
     * \param id the connection id
     */
    void TransmitOffer(uint64_t id);

    /**
     * \brief The responder's share and secret are ready: mark the socket
     *        prepared and answer.
     * \param id the connection id
     * \param valid false if the opener's share was degenerate
     * \param to the opener's address
     * \param toPort the opener daemon's port
     */
    void CompleteResponder(uint64_t id, bool valid, Ipv4Address to, uint16_t toPort);

    /**
     * \brief The opener's secret is ready: mark the socket prepared.
     * \param id the connection id
     * \param valid false if the responder's share was degenerate
     */
    void CompleteOpener(uint64_t id, bool valid);

    /**
     * \brief Mark a connection prepared, count and trace it.
     * \param id the connection id
     * \param c the connection
     */
    void MarkPrepared(uint64_t id, Connection& c);

    /**
     * \brief Move a prepared connection to a new address and tell the peer.
     * \param id the connection id
     * \param address the new address
     */
    void StartRedirect(uint64_t id, Ipv4Address address);

    /**
     * \brief Send (or resend) the pending redirect request and arm its
     *        timer; give up after MaxRetransmissions.
     * \param id the connection id
     */
    void TransmitRedirect(uint64_t id);

    /**
     * \brief The MAC of a redirect request is checked: apply it and answer.
     * \param id the connection id
     * \param request the request
     * \param bytes its bytes
     * \param authentic whether the MAC was right
     * \param from the datagram's source address
     * \param fromPort its source port
     */
    void AcceptRequest(uint64_t id,
                       RedirectRequestHeader request,
                       std::vector<uint8_t> bytes,
                       bool authentic,
                       Ipv4Address from,
                       uint16_t fromPort);

    /**
     * \brief The acknowledgement's MAC is ready: send it, then resume.
     * \param id the connection id
     * \param ack the acknowledgement
     * \param to where to send it
     * \param toPort its port
     */
    void SendAck(uint64_t id, RedirectAckHeader ack, Ipv4Address to, uint16_t toPort);

    /**
     * \brief The MAC of an acknowledgement is checked: complete the redirect.
     * \param id the connection id
     * \param sequence the acknowledged sequence number
     * \param authentic whether the MAC was right
     */
    void AcceptAck(uint64_t id, uint32_t sequence, bool authentic);

    /**
     * \brief UDP receive callback.
     * \param socket the daemon's socket
     */
    void Receive(Ptr<Socket> socket);

    /**
     * \brief Process a key share.
     * \param packet the datagram
     * \param from its source address
     * \param fromPort its source port
     */
    void HandleKeyShare(Ptr<Packet> packet, Ipv4Address from, uint16_t fromPort);

    /**
     * \brief Process a redirect request.
     * \param packet the datagram
     * \param from its source address
     * \param fromPort its source port
     */
    void HandleRequest(Ptr<Packet> packet, Ipv4Address from, uint16_t fromPort);

    /**
     * \brief Process a redirect acknowledgement.
     * \param packet the datagram
     * \param from its source address
     */
    void HandleAck(Ptr<Packet> packet, Ipv4Address from);

    /**
     * \brief Count, log and trace a rejected message (and report it to the
     *        connection's socket when there is one).
     * \param type the message type
     * \param reason why
     * \param socket the connection's socket, or null
     */
    void Reject(MobilityControlHeader::MessageType type,
                RejectReason reason,
                Ptr<RedirectableTcpSocket> socket = nullptr);

    /**
     * \brief Send a datagram to a daemon.
     * \param packet the message
     * \param to the destination address
     * \param toPort the destination port
     */
    void SendTo(Ptr<Packet> packet, Ipv4Address to, uint16_t toPort);

    /**
     * \brief NewLease trace sink of the node's DhcpClients (acts one event
     *        later: DhcpClient installs the default route after the trace).
     * \param address the leased address
     */
    void LeaseObtained(const Ipv4Address& address);

    /**
     * \param attempts transmissions so far (at least 1)
     * \return the timeout after the last one
     */
    Time RetransmissionDelay(uint32_t attempts) const;

    /**
     * \param address an address
     * \return true if it is assigned to this node
     */
    bool IsLocalAddress(Ipv4Address address) const;

    // Attributes
    uint16_t m_port;               //!< UDP port of the daemons
    Time m_prepareAfter;           //!< connection age that triggers preparation
    Time m_scanInterval;           //!< period of the scan
    Time m_rto;                    //!< first retransmission timeout
    uint32_t m_maxRetransmissions; //!< retransmissions before giving up
    bool m_resetTimer;             //!< resume transmission after a redirect

    bool m_running{false};                        //!< between start and stop
    Ptr<Socket> m_socket;                         //!< the daemon's UDP socket
    EventId m_scanEvent;                          //!< next scan
    std::map<uint64_t, Connection> m_connections; //!< by connection id
    std::vector<Ptr<DhcpClient>> m_dhcpClients;   //!< whose NewLease we follow

    uint32_t m_prepared{0};              //!< connections prepared
    uint32_t m_keyAgreements{0};         //!< shared secrets computed
    uint32_t m_preparationsFailed{0};    //!< preparations abandoned
    uint32_t m_shareTransmissions{0};    //!< key share datagrams sent
    uint32_t m_redirectsSent{0};         //!< redirects started
    uint32_t m_redirectTransmissions{0}; //!< redirect request datagrams sent
    uint32_t m_redirectsAccepted{0};     //!< peers' redirects accepted
    uint32_t m_redirectsConfirmed{0};    //!< own redirects acknowledged
    uint32_t m_redirectsFailed{0};       //!< own redirects abandoned
    std::array<uint32_t, RelocatableTcpSocket::N_REJECT_REASONS> m_rejects{}; //!< per reason

    TracedCallback<uint64_t> m_preparedTrace;                            //!< "ConnectionPrepared"
    TracedCallback<uint64_t> m_preparationFailedTrace;                   //!< "PreparationFailed"
    TracedCallback<uint64_t, const KeyShareHeader&> m_keyShareSentTrace; //!< "KeyShareSent"
    TracedCallback<uint64_t, const RedirectRequestHeader&> m_redirectSentTrace;  //!< "RedirectSent"
    TracedCallback<uint64_t, Ipv4Address, Ipv4Address> m_redirectAcceptedTrace;  //!< accepted
    TracedCallback<uint64_t, Ipv4Address, Ipv4Address> m_redirectConfirmedTrace; //!< confirmed
    TracedCallback<uint64_t, Ipv4Address, Ipv4Address> m_redirectFailedTrace;    //!< failed
    TracedCallback<MobilityControlHeader::MessageType, RejectReason>
        m_rejectedTrace; //!< "MessageRejected"
};

} // namespace ns3

#endif /* REDIRECT_DAEMON_H */
