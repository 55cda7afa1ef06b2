/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REDIRECTABLE_TCP_SOCKET_H
#define REDIRECTABLE_TCP_SOCKET_H

#include "change-reasons.h"
#include "mobility-control-header.h"
#include "ns3-compat.h"
#include "relocatable-tcp-socket.h"

#include "ns3/ipv4-address.h"

#include <array>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The kernel extension of the redirect-daemon baseline (Prevelakis
 *        and Ioannidis, "Preserving TCP Connections Across Host Address
 *        Changes", ISC 2006): a TCP socket whose addresses a user-level
 *        daemon (RedirectDaemon) can rewrite.
 *
 * The socket does not change TCP's wire format: there is no negotiation
 * option, no control segment, nothing in the handshake. Everything the
 * scheme needs is decided by the daemon, which calls the public methods
 * below; the socket reuses the mechanism of RelocatableTcpSocket for the
 * rewriting (RelocateLocal, RelocatePeer, with the mover holding its data
 * until the redirect is acknowledged or its RTO expires), for restarting
 * transmission without backoff (RestartTransmission) and for retention
 * through outages.
 *
 * Retention is active only for connections the daemon has prepared (a
 * secret agreed with the peer's daemon, SetPrepared()); an unprepared
 * connection behaves exactly as ns-3's TCP, and is lost at a handover as
 * TCP connections are.
 *
 * Calls follow the ns-3 socket convention: 0 on success, -1 with GetErrno()
 * set on failure; a refused call changes nothing.
 */
class RedirectableTcpSocket : public RelocatableTcpSocket
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
    /// \return this object's TypeId (ns-3 < 3.45 asks the subclass)
    TypeId GetInstanceTypeId() const override;
#endif

    RedirectableTcpSocket();
    /**
     * \brief Copy constructor (a listening socket forks sockets of this
     *        class). The copy is not prepared: it holds a new connection.
     * \param other the socket to copy
     */
    RedirectableTcpSocket(const RedirectableTcpSocket& other);
    ~RedirectableTcpSocket() override;

    /**
     * \brief Mark the connection as prepared (the daemons share a secret for
     *        it) or not. Only prepared connections are retained through an
     *        outage and can be redirected.
     * \param prepared whether the connection is prepared
     */
    void SetPrepared(bool prepared);

    /// \return true if the daemon prepared this connection
    bool IsPrepared() const;

    /// \return true if this end opened the connection (sent the first SYN)
    bool IsActiveOpener() const;

    /**
     * \brief Rewrite this end's address of the live connection (the port is
     *        kept), applying the congestion policy.
     * \param address the new local address; must be assigned to this node
     * \return 0, or -1 with errno: ERROR_NOTCONN (no synchronized connection),
     *         ERROR_AFNOSUPPORT (IPv6 connection), ERROR_OPNOTSUPP (not
     *         prepared), ERROR_INVAL (the address cannot identify a host),
     *         ERROR_ADDRNOTAVAIL (not on this node), ERROR_ADDRINUSE (the
     *         new 4-tuple is in use). Redirecting to the current address
     *         succeeds and changes nothing.
     */
    int RedirectSource(Ipv4Address address);

    /**
     * \brief Rewrite the peer's address and port of the live connection,
     *        applying the congestion policy.
     * \param address the peer's new address
     * \param port the peer's new port (0 keeps the current one)
     * \return 0, or -1 with errno: ERROR_NOTCONN, ERROR_AFNOSUPPORT,
     *         ERROR_OPNOTSUPP, ERROR_INVAL, ERROR_ADDRINUSE (as
     *         RedirectSource()). Redirecting to the current address and port
     *         succeeds and changes nothing.
     */
    int RedirectDestination(Ipv4Address address, uint16_t port);

    /**
     * \brief Restart transmission at once, as if an ACK had just arrived
     *        (retries reloaded, RTO without backoff; the first
     *        unacknowledged segment, or a pure ACK, is sent).
     * \return 0, or -1 with ERROR_NOTCONN if there is no connection, or
     *         ERROR_AFNOSUPPORT on an IPv6 connection
     */
    int Resume();

    /**
     * \brief Count a daemon message about this connection that the daemon
     *        rejected (the socket keeps the per-connection tally).
     * \param type the message type
     * \param reason why it was rejected
     */
    void RecordRejected(MobilityControlHeader::MessageType type, ChangeRejectReason reason);

    /**
     * \param reason a reject reason
     * \return how many daemon messages about this connection were rejected for it
     */
    uint32_t GetRejectCount(ChangeRejectReason reason) const;

    // Socket API: remember which end opened the connection.
    int Connect(const Address& address) override;

  protected:
    /// \return true for a prepared connection: the kernel retains only those
    bool IsRetentionActive() const override;
    Ptr<TcpSocketBase> Fork() override;

  private:
    /**
     * \brief The checks common to both redirections.
     * \param address the target address
     * \param what the calling method, for the log
     * \return true if the redirection may proceed (errno set otherwise)
     */
    bool CheckRedirect(Ipv4Address address, const char* what) const;

    bool m_prepared{false};                                    //!< prepared by the daemon
    bool m_opener{false};                                      //!< this end sent the SYN
    std::array<uint32_t, N_CHANGE_REJECT_REASONS> m_rejects{}; //!< per reason
};

} // namespace ns3

#endif /* REDIRECTABLE_TCP_SOCKET_H */
